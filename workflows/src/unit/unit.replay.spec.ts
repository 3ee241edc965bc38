/**
 * Histories recorded from the whole-campaign test (RECORD_HISTORIES=1) must replay without
 * non-determinism: a change that would break running unit workflows fails here.
 */
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(__dirname, '__fixtures__');
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.history.pb'));

describe('unit workflow replay', () => {
  it('has recorded histories to replay', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(3);
  });

  it.each(fixtures)('replays %s deterministically', async (file) => {
    // Binary protobuf, exactly as the server sent it (History.encode of fetchHistory()).
    const history = temporal.api.history.v1.History.decode(readFileSync(join(dir, file)));
    const results = Worker.runReplayHistories(
      { workflowBundle: { code: readFileSync(process.env.WORKFLOW_BUNDLE_PATH!, 'utf8') } },
      [{ workflowId: file, history }],
    );
    let replayed = 0;
    for await (const result of results) {
      expect(result.error).toBeUndefined();
      replayed++;
    }
    expect(replayed).toBe(1);
  });
});
