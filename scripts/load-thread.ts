/** The load thread of {@link openLoopInThread}: runs the streams it is given and posts back their figures. */
import { parentPort, workerData } from 'node:worker_threads';
import { runStreams, type LoadStreams } from './load';

void runStreams(workerData as LoadStreams).then((results) => parentPort!.postMessage(results));
