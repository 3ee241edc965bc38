/** A campaign's units counted per task, from the rows of task statuses the projection groups (one campaign's rows). */
import type { TaskKind, TaskStatus } from '@thidua/contracts';

/** One task's units by status, those overdue (still expected, past the deadline) and those sent late. */
export interface TaskTally {
  readonly counts: Partial<Record<TaskStatus, number>>;
  readonly overdue: number;
  readonly late: number;
}

/** The tally of each task of rows counting units by task and status. */
export function tallyTasks(
  rows: Iterable<{
    readonly task: TaskKind;
    readonly status: TaskStatus;
    readonly n: number;
    readonly missed: number;
    readonly late: number;
  }>,
): Map<TaskKind, TaskTally> {
  const out = new Map<TaskKind, { counts: Partial<Record<TaskStatus, number>>; overdue: number; late: number }>();
  for (const r of rows) {
    const t = out.get(r.task) ?? { counts: {}, overdue: 0, late: 0 };
    t.counts[r.status] = (t.counts[r.status] ?? 0) + r.n;
    if (r.status === 'open' || r.status === 'returned') t.overdue += r.missed;
    t.late += r.late;
    out.set(r.task, t);
  }
  return out;
}
