/**
 * Unit histories recorded from the whole-campaign test (RECORD_HISTORIES=1) must replay without
 * non-determinism: a change that would break running unit workflows fails here.
 */
import { join } from 'node:path';
import { describeReplays } from '@thidua/testing';

// `before-event-store-*`: recorded before the stream writer (1db95b1); they replay through its patch gates.
describeReplays('unit workflow replay', join(__dirname, '__fixtures__'), 6);
