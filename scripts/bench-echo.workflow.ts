/**
 * The bench's floors: a workflow whose update does nothing but answer (a bare Temporal update round trip), and
 * one whose update first stores a row in PostgreSQL through a local activity (the least a durably accepted
 * submission costs: the update, one short transaction inside the workflow task, and the activation it resumes in).
 */
import { condition, defineUpdate, proxyLocalActivities, setHandler } from '@temporalio/workflow';

export const echo = defineUpdate<number, [number]>('echo');

export async function echoWorkflow(): Promise<void> {
  setHandler(echo, (n) => n);
  await condition(() => false);
}

/** What the durable floor's local activity does: one INSERT in its own transaction. */
export interface EchoActivities {
  storeEcho(n: number): Promise<void>;
}

const { storeEcho } = proxyLocalActivities<EchoActivities>({ startToCloseTimeout: '30 seconds' });

export async function durableEchoWorkflow(): Promise<void> {
  setHandler(echo, async (n) => {
    await storeEcho(n);
    return n;
  });
  await condition(() => false);
}
