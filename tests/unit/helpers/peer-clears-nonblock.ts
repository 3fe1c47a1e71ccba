// Run by async-fd.test.ts in a child process (it would block forever if the
// bug came back): a peer sharing the read end of an owned pipe clears
// O_NONBLOCK (the flag belongs to the open file description, which both
// share) after our first read; the next read must still not enter a blocking
// read(2). Prints the two results.
import { AsyncFd } from '../../../runtime/io/async-fd';
import { loadAddon } from '../../../runtime/native/load-addon';

const [r, w] = loadAddon().fdPipe(false) as [number, number];
const reader = new AsyncFd(r, { owned: true });
reader.read(new Uint8Array(1), (first) => {
  loadAddon().fdSetNonBlocking(r, false); // what the peer does
  reader.read(new Uint8Array(1), (second) => {
    process.stdout.write(`${first} ${second}\n`);
    process.exit(0);
  });
  // Reached only if the read above did not block the event loop.
  setTimeout(() => loadAddon().fdWrite(w, new Uint8Array([2])), 50);
});
loadAddon().fdWrite(w, new Uint8Array([1]));
