import { proxyActivities, sleep } from '@temporalio/workflow';
import type { RoundTripActivities, RoundTripInput, RoundTripResult } from '../../libs/contracts/src/round-trip';

const { recordRoundTrip } = proxyActivities<RoundTripActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

/** Waits (optionally) on a durable timer, then records one row through the worker's activity. */
export async function roundTripWorkflow(input: RoundTripInput): Promise<RoundTripResult> {
  if (input.delayMs && input.delayMs > 0) await sleep(input.delayMs);
  const { recordedAt } = await recordRoundTrip({ id: input.id, message: input.message });
  return { id: input.id, recordedAt };
}
