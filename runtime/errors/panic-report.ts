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

/**
 * A VM ended by a failing cleanup handler (no recovery is possible). Emilua
 * names the fiber by its Lua thread ("coroutine") and does not print the
 * error, which nothing can handle any more.
 */
export function formatTermination(vmHexId: string, fiberHexId: string, colors: boolean): string {
  return `VM ${vmHexId} ${highlight('forcibly closed', colors)} due to error raised on cleanup handler from coroutine ${fiberHexId}\n`;
}
