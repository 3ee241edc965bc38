/** Inbox keys: whose inbox a notification lands in. One scheme for the worker that writes and the API that reads. */

/** The inbox of a unit, and the role inboxes of the coordinator and the issuer. */
export const INBOX = {
  unit: (unitId: string): string => `unit:${unitId}`,
  coordinator: 'role:coordinator',
  issuer: 'role:issuer',
} as const;

/** The inboxes an account reads: a unit account its unit's; the coordinator the coordinator's; an admin both role inboxes. */
export function inboxesOf(account: { readonly role: 'admin' | 'coordinator' | 'unit'; readonly unitId?: string | null }): string[] {
  if (account.role === 'unit') return account.unitId ? [INBOX.unit(account.unitId)] : [];
  if (account.role === 'coordinator') return [INBOX.coordinator];
  return [INBOX.issuer, INBOX.coordinator];
}
