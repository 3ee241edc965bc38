/**
 * Campaign histories recorded by the launch and whole-campaign tests (RECORD_HISTORIES=1) must replay
 * without non-determinism: launch batches, a refused and an accepted move, an added unit, a cancellation,
 * continue-as-new hand-overs and the finish. Runs recorded before the single event store (1db95b1) are not
 * kept: that change replaced the campaign workflow's commands wholesale, and no campaign of that version
 * ran outside tests. Later changes are gated by `patched()` (first-task-command, campaign-append-local).
 */
import { join } from 'node:path';
import { describeReplays } from '@thidua/testing';

describeReplays('campaign workflow replay', join(__dirname, '__fixtures__'), 2);
