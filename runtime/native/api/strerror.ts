// native/addon/strerror.cc: Error text for errno values.
// Part of NativeAddon (../addon-api.ts); conventions there.

export interface StrerrorApi {
  /**
   * glibc's untranslated description of an errno value, e.g.
   * `strerror(22) === 'Invalid argument'`. Unknown values give
   * `'Unknown error <n>'`. Never throws for a number argument.
   */
  strerror(errno: number): string;
}

/** The names of StrerrorApi's functions: a name missing here, or one not in StrerrorApi, fails to compile. */
export const STRERROR_FUNCTIONS: Record<keyof StrerrorApi, true> = {
  strerror: true,
};
