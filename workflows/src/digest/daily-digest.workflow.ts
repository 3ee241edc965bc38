import { proxyActivities } from '@temporalio/workflow';
import type { DigestActivities } from '@thidua/contracts';

const { sendDailyDigest } = proxyActivities<DigestActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes' },
});

/** The local date (Asia/Ho_Chi_Minh by default) of the workflow's start: the digest's idempotency key. */
export function localDate(epochMs: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(epochMs));
}

/** Started by the daily schedule: one digest per running campaign, once per local day. */
export async function dailyDigestWorkflow(
  input: { timeZone?: string } = {},
): Promise<{ date: string; campaigns: number; created: number }> {
  const date = localDate(Date.now(), input.timeZone ?? 'Asia/Ho_Chi_Minh');
  const result = await sendDailyDigest({ date });
  return { date, ...result };
}
