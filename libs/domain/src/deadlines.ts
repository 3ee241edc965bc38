/** When a submission is late: one rule for every task of every stage. */

/** True when `at` is at or after `dueAt`: a deadline instant is the first instant that is late ("trước ngày D" is D 00:00). */
export function isLate(at: string, dueAt: string): boolean {
  return Date.parse(at) >= Date.parse(dueAt);
}
