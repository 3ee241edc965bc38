/**
 * Commendation histories recorded by the time-skipping test (RECORD_HISTORIES=1) must replay without
 * non-determinism: opening, the chase of a nominating task, the council's ballots, the posting's timer
 * across Tết, an objection and the numbered decision.
 */
import { join } from 'node:path';
import { describeReplays } from '@thidua/testing';

describeReplays('commendation workflow replay', join(__dirname, '__fixtures__'), 1);
