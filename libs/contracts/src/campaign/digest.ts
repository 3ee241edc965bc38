/** The automated daily run: a digest of every running campaign for the coordinator. */

/** Workflow type started by the daily schedule. */
export const DAILY_DIGEST_WORKFLOW = 'dailyDigestWorkflow';
/** Id of the Temporal Schedule. */
export const DAILY_DIGEST_SCHEDULE_ID = 'daily-digest';

/** Activities of the daily digest. */
export interface DigestActivities {
  /** Writes one digest per running campaign for `date` (yyyy-MM-dd, local); a re-run the same day writes nothing. */
  sendDailyDigest(input: { date: string }): Promise<{ campaigns: number; created: number }>;
}
