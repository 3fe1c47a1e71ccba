// The main function of an actor thread (a worker started by worker-launch.ts):
// one ThreadContext whose first VM is the spawned actor. The thread lives
// while its VMs do. Its link to the hub is unreferenced while the thread has
// work of its own, so when every VM of it can only wait for a message the
// event loop runs dry: the thread then tells the hub it is idle (so the hub
// stops counting it as keeping the process alive) and waits for the next
// message. When its last VM has ended (and the programs its VMs dropped have
// been reaped), it says goodbye and exits.

import { parentPort } from 'node:worker_threads';
import { Vm } from '../vm/vm';
import { ThreadContext, setCurrentContext } from '../actor/thread-context';
import { adoptProcessState } from '../actor/process-state';
import type { FromHub, ToHub, WorkerBoot } from '../actor/hub-protocol';
import { ChildProcess } from '../process/child';

export function runActorThread(boot: WorkerBoot): void {
  const port = parentPort;
  if (port === null) throw new Error('an actor thread needs a parent port');
  adoptProcessState(boot.processState);
  const spawn = boot.spawn;
  const send = (message: ToHub): void => port.postMessage(message);
  const thread = new ThreadContext(spawn.thread, spawn.concurrencyHint, () => ({ send }));
  setCurrentContext(thread);

  let received = 0;
  let leaving = false;
  port.on('message', (message: FromHub) => {
    received++;
    if (message.type === 'bye-ack') process.exit(0);
    if (!leaving) port.unref();
    thread.receive(message);
  });
  port.unref();
  process.on('beforeExit', () => {
    if (leaving) return;
    send({ type: 'idle', from: spawn.thread, received });
    port.ref();
  });
  thread.onEmpty = () => {
    leaving = true;
    port.ref();
    // Programs its VMs started and dropped are reaped by this thread's loop:
    // leave once they have been, or they would stay zombies.
    ChildProcess.whenAllReaped(() => send({ type: 'bye', from: spawn.thread }));
  };

  // The spawn_vm that started this thread waits for this word or for the
  // Worker's 'online', whichever the hub hears first.
  send({ type: 'started', from: spawn.thread });
  const vm = new Vm({
    id: spawn.vm,
    rootFile: spawn.rootFile,
    rootImporter: spawn.rootImporter,
    context: 'worker',
    searchDirs: spawn.searchDirs,
    colors: spawn.colors,
    arguments: spawn.arguments,
  });
  // The spawning thread holds the channel spawn_vm returned, and the hub
  // knows this actor (it hears when the actor closes).
  const actor = thread.actorOf(vm);
  actor.remoteHeld = true;
  actor.exported = true;
  vm.start();
}
