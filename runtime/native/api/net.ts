// native/addon/net.cc: Name and address services.
// Part of NativeAddon (../addon-api.ts); conventions there.

export interface NetApi {
  /**
   * getaddrinfo(3) on the thread pool; `done` gets (eai, errno, sockaddr
   * bytes of each result, canonical name of the first or null). 0 once
   * queued | -errno (-EINVAL: a NUL byte in a name).
   */
  netGetAddrInfo(host: Uint8Array | null, service: Uint8Array | null, family: number, socktype: number,
    protocol: number, flags: number,
    done: (eai: number, errno: number, addresses: Buffer[], canonicalName: Buffer | null) => void): number;
  /** getnameinfo(3) on the thread pool; `done` gets (eai, errno, host, service). 0 once queued | -errno. */
  netGetNameInfo(address: Uint8Array, flags: number,
    done: (eai: number, errno: number, host: Buffer | null, service: Buffer | null) => void): number;
  /** inet_pton(3): 4 or 16 bytes | -EINVAL | -EAFNOSUPPORT. */
  netAddressFromText(family: number, text: Uint8Array): Buffer | number;
  /** inet_ntop(3) | -EINVAL. */
  netAddressToText(family: number, bytes: Uint8Array): string | number;
  /** if_nametoindex(3); 0 when there is no such interface. */
  netInterfaceIndex(name: Uint8Array): number;
  /** if_indextoname(3) | -errno. */
  netInterfaceName(index: number): string | number;
  /** AI_*, NI_NUMERICSERV, NI_DGRAM and EAI_* values. */
  netConstants(): Record<string, number>;
}

/** The names of NetApi's functions: a name missing here, or one not in NetApi, fails to compile. */
export const NET_FUNCTIONS: Record<keyof NetApi, true> = {
  netGetAddrInfo: true,
  netGetNameInfo: true,
  netAddressFromText: true,
  netAddressToText: true,
  netInterfaceIndex: true,
  netInterfaceName: true,
  netConstants: true,
};
