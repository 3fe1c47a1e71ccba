// Entry of an actor thread when the runtime runs from source (tsx); the
// bundle uses bundle/out/cli.js instead (see worker-launch.ts).
import { workerData } from 'node:worker_threads';
import { isWorkerBoot } from '../actor/hub-protocol';
import { runActorThread } from './worker-thread';

if (!isWorkerBoot(workerData)) throw new Error('worker-entry.ts runs only as an actor thread');
runActorThread(workerData);
