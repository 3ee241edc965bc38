/**
 * Replay fixtures: with RECORD_HISTORIES=1, end-to-end tests write the histories of the workflows they ran
 * (every run of the id, oldest first) to a fixtures folder; `describeReplays` replays each against the
 * current workflow bundle, so a change that would break running workflows fails the suite.
 */
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@thidua/devkit';

/** Records every run of `workflowId` as `<label>[-run<N>].history.pb` when RECORD_HISTORIES is set; returns the runs written. */
/** Where the recorded histories of a workflow type live, beside its shell in workflows/. */
export function historiesDir(workflow: 'unit' | 'campaign' | 'commendation'): string {
  return join(REPO_ROOT, 'workflows', 'src', workflow, '__fixtures__');
}

export async function recordHistories(client: Client, workflowId: string, dir: string, label: string): Promise<number> {
  if (!process.env.RECORD_HISTORIES) return 0;
  const runs: Array<{ runId: string; start: number }> = [];
  for await (const wf of client.workflow.list({ query: `WorkflowId = '${workflowId}'` }))
    runs.push({ runId: wf.runId, start: wf.startTime.getTime() });
  runs.sort((a, b) => a.start - b.start);
  for (const [i, run] of runs.entries()) {
    const history = await client.workflow.getHandle(workflowId, run.runId).fetchHistory();
    recordHistory(history, dir, runs.length === 1 ? label : `${label}-run${i + 1}`);
  }
  return runs.length;
}

/**
 * Records one run's history as `<name>.history.pb` when RECORD_HISTORIES is set (for servers that cannot
 * list workflows, like the time-skipping one); returns whether it wrote.
 */
export function recordHistory(history: temporal.api.history.v1.IHistory, dir: string, name: string): boolean {
  if (!process.env.RECORD_HISTORIES) return false;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.history.pb`), temporal.api.history.v1.History.encode(history).finish());
  process.stdout.write(`recorded ${name}: ${history.events?.length ?? 0} history events\n`);
  return true;
}

/** Replays every recorded history in `dir` against the suite's workflow bundle; at least `minimum` must exist. */
export function describeReplays(title: string, dir: string, minimum: number): void {
  const fixtures = readdirSync(dir).filter((f) => f.endsWith('.history.pb'));
  describe(title, () => {
    it('has recorded histories to replay', () => {
      expect(fixtures.length).toBeGreaterThanOrEqual(minimum);
    });

    it.each(fixtures)('replays %s deterministically', async (file) => {
      // Binary protobuf, exactly as the server sent it (History.encode of fetchHistory()).
      const history = temporal.api.history.v1.History.decode(readFileSync(join(dir, file)));
      const results = Worker.runReplayHistories({ workflowBundle: { code: readFileSync(process.env.WORKFLOW_BUNDLE_PATH!, 'utf8') } }, [
        { workflowId: file, history },
      ]);
      let replayed = 0;
      for await (const result of results) {
        expect(result.error).toBeUndefined();
        replayed++;
      }
      expect(replayed).toBe(1);
    });
  });
}
