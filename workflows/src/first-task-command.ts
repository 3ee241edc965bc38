/**
 * Every run's first workflow task must complete with at least one command.
 *
 * Why: the server treats a workflow task that carries only rejected updates and no command as
 * speculative and drops it, even when it was the first task of a run (and so carried the run's start
 * event). After that the worker's cached run and the server disagree: the next update's task is sent to
 * the worker's sticky queue, is never taken, and waits for the schedule-to-start timeout (10 s) before
 * going to the normal queue. The API answered 503 to a valid milestone move that arrived right after an
 * invalid one had been refused by a freshly continued-as-new campaign run. One memo upsert per run costs a
 * single history event and makes the first task durable whatever messages it carries.
 */
import { patched, upsertMemo } from '@temporalio/workflow';

/** Patch id: histories recorded before this change replay without the extra command. */
export const FIRST_TASK_COMMAND_PATCH = 'first-task-command';

/**
 * Emits the run's first command (a memo naming what the workflow is for operators browsing the Web UI). `current`:
 * the run's input says it was started by code that has this change, so no patch marker is needed.
 */
export function commitFirstTask(memo: Record<string, string>, current = false): void {
  if (current || patched(FIRST_TASK_COMMAND_PATCH)) upsertMemo(memo);
}
