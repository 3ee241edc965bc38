/** The bench's floor: a workflow whose update does nothing but answer (a bare Temporal update round trip). */
import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

export const echo = defineUpdate<number, [number]>('echo');

export async function echoWorkflow(): Promise<void> {
  setHandler(echo, (n) => n);
  await condition(() => false);
}
