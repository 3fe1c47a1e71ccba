// The text Emilua prints for an uncaught error:
//   Main fiber from VM 0x1 panicked: 'message'
//   stack traceback:
//   	...

const RED_BOLD = '\x1b[1;31m';
const RESET = '\x1b[0m';

function highlight(word: string, colors: boolean): string {
  return colors ? `${RED_BOLD}${word}${RESET}` : word;
}

export function formatPanic(who: string, message: string, traceback: string, colors: boolean): string {
  const head = `${who} ${highlight('panicked', colors)}: '${message}'\n`;
  return traceback === '' ? head : `${head}${traceback}\n`;
}

/** A VM ended by a failing cleanup handler (no recovery is possible). */
export function formatTermination(vm: string, cause: string, message: string, colors: boolean): string {
  return `${vm} ${highlight('terminated', colors)}: ${cause}: '${message}'\n`;
}
