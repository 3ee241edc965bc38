import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { readFileSync } from 'node:fs';
import type { RoundTripActivities } from '../../libs/contracts/src';
import { createTimeSkippingEnv } from '../../test/env';
import { roundTripWorkflow } from './round-trip.workflow';

const DAY = 24 * 60 * 60 * 1000;

describe('roundTripWorkflow on the time-skipping server', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  });

  afterAll(async () => {
    await env?.teardown();
  });

  it('sleeps 200 days on a durable timer, then records through the activity', async () => {
    const recordRoundTrip = jest.fn<ReturnType<RoundTripActivities['recordRoundTrip']>, Parameters<RoundTripActivities['recordRoundTrip']>>(
      async () => ({ recordedAt: '2026-01-01T00:00:00.000Z' }),
    );
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: 'round-trip-test',
      workflowBundle: { code: readFileSync(process.env.WORKFLOW_BUNDLE_PATH as string, 'utf8') },
      activities: { recordRoundTrip },
    });
    const before = await env.currentTimeMs();
    const result = await worker.runUntil(
      env.client.workflow.execute(roundTripWorkflow, {
        workflowId: 'round-trip-200-days',
        taskQueue: 'round-trip-test',
        args: [{ id: 'x', message: 'hai trăm ngày', delayMs: 200 * DAY }],
      }),
    );
    const after = await env.currentTimeMs();
    expect(result).toEqual({ id: 'x', recordedAt: '2026-01-01T00:00:00.000Z' });
    expect(recordRoundTrip).toHaveBeenCalledTimes(1);
    expect(recordRoundTrip).toHaveBeenCalledWith({ id: 'x', message: 'hai trăm ngày' });
    expect(after - before).toBeGreaterThanOrEqual(200 * DAY);
  });
});
