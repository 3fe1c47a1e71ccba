// esbuild entry of the command-line program (bundle/out/cli.js), which also
// starts the threads of actors spawned with inherit_context=false.
import * as workerThreads from 'node:worker_threads';
import { main } from '../runtime/cli/main';
import { isWorkerBoot } from '../runtime/actor/hub-protocol';
import { runActorThread } from '../runtime/cli/worker-thread';

if (!workerThreads.isMainThread && isWorkerBoot(workerThreads.workerData)) {
  runActorThread(workerThreads.workerData);
} else {
  main(process.argv.slice(2));
}
