// Run by async-fd.test.ts in a child process (it would block forever if the
// bug came back): a peer sharing the read end of an owned pipe clears
// O_NONBLOCK (the flag belongs to the open file description, which both
// share) after our first read; the next read must still not enter a blocking
// read(2). Prints the two results.
import { AsyncFd } from '../../../runtime/io/async-fd';
import { io } from '../../../runtime/io/native';

const [r, w] = io().fdPipe(false) as [number, number];
const reader = new AsyncFd(r, { owned: true });
reader.read(new Uint8Array(1), (first) => {
  io().fdSetNonBlocking(r, false); // what the peer does
  reader.read(new Uint8Array(1), (second) => {
    process.stdout.write(`${first} ${second}\n`);
    process.exit(0);
  });
  // Reached only if the read above did not block the event loop.
  setTimeout(() => io().fdWrite(w, new Uint8Array([2])), 50);
});
io().fdWrite(w, new Uint8Array([1]));
