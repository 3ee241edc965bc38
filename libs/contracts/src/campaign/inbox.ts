/** Inbox keys: whose inbox a notification lands in. One scheme for the worker that writes and the API that reads. */

/** The inbox of a unit, and the role inboxes of the coordinator and the issuer. */
export const INBOX = {
  unit: (unitId: string): string => `unit:${unitId}`,
  coordinator: 'role:coordinator',
  issuer: 'role:issuer',
} as const;

/**
 * The inboxes a role reads: a unit's clerk its unit's; the coordinator the coordinator's; the leader the
 * issuer's (escalations reach the head); an admin both role inboxes; a council member none. A role inbox shows
 * only the notices of the acting organisation's campaigns (the reader filters by owner).
 */
export function inboxesOf(account: {
  readonly role: 'admin' | 'coordinator' | 'leader' | 'council' | 'unit';
  readonly unitId?: string | null;
}): string[] {
  if (account.role === 'unit') return account.unitId ? [INBOX.unit(account.unitId)] : [];
  if (account.role === 'coordinator') return [INBOX.coordinator];
  if (account.role === 'leader') return [INBOX.issuer];
  if (account.role === 'council') return [];
  return [INBOX.issuer, INBOX.coordinator];
}
