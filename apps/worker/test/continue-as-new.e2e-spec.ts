/**
 * Updates and signals sent across continue-as-new on purpose. The suite's dev server suggests
 * continue-as-new after 15 history events, so every few operations a campaign or unit run hands over to
 * its successor while messages keep arriving. Nothing may be lost, answered twice or left waiting: a
 * refused update right after a hand-over once made the next valid one wait for a sticky-queue timeout.
 */
import type { Client, WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { CampaignLauncher } from '@thidua/campaigns';
import {
  BINH_TAN_2019,
  campaignWorkflowId,
  decideRegistration,
  getUnitState,
  instantiateTemplate,
  moveMilestones,
  submitRegistration,
  unitWorkflowId,
  type Milestones,
} from '@thidua/contracts';
import { eventType, eventually, ofType, startWorkerStack, type WorkerStack } from '@thidua/testing';

const EventType = temporal.api.enums.v1.EventType;

describe('messages across continue-as-new', () => {
  let stack: WorkerStack;
  let client: Client;
  let ds: DataSource;
  let launcher: CampaignLauncher;

  beforeAll(async () => {
    stack = await startWorkerStack('can');
    ({ client, ds, launcher } = stack);
  });
  afterAll(async () => {
    await stack?.worker.close();
  });

  /** Every run of a workflow id, oldest first, with its event types. */
  const runs = async (workflowId: string): Promise<Array<{ status: string; events: temporal.api.enums.v1.EventType[] }>> => {
    const out: Array<{ status: string; startTime: number; events: temporal.api.enums.v1.EventType[] }> = [];
    for await (const wf of client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) {
      const history = await client.workflow.getHandle(wf.workflowId, wf.runId).fetchHistory();
      out.push({
        status: wf.status.name,
        startTime: wf.startTime.getTime(),
        events: (history.events ?? []).map((e) => e.eventType ?? EventType.EVENT_TYPE_UNSPECIFIED),
      });
    }
    return out.sort((a, b) => a.startTime - b.startTime);
  };
  const taskTimeouts = (r: Array<{ events: temporal.api.enums.v1.EventType[] }>): number =>
    r.flatMap((x) => x.events).filter((t) => t === EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT).length;

  it('answers every campaign update, refused or accepted, while runs hand over', async () => {
    const def = instantiateTemplate(BINH_TAN_2019, { launchAt: new Date().toISOString(), code: `can-${randomUUID().slice(0, 8)}` });
    const small = { ...def, units: def.units.slice(0, 2) };
    await launcher.launch(small, 'admin');
    const campaign: WorkflowHandle = client.workflow.getHandle(campaignWorkflowId(small.code));
    const status = async (): Promise<string | undefined> =>
      (await ds.query<Array<{ status: string }>>('SELECT status FROM campaigns WHERE id = $1', [small.code]))[0]?.status;
    await eventually(status, (s) => s === 'running');

    const day = 86_400_000;
    const moves: Milestones[] = [];
    for (let i = 1; i <= 6; i++) {
      const invalid = { ...small.milestones, registrationDue: small.milestones.campaignEndsAt, interimReviewAt: small.milestones.launchAt };
      await expect(campaign.executeUpdate(moveMilestones, { args: [{ actor: 'admin', milestones: invalid }] })).rejects.toMatchObject({
        cause: { type: 'InvalidMilestones' },
      });
      const milestones = {
        ...small.milestones,
        registrationDue: new Date(Date.parse(small.milestones.registrationDue) + i * day).toISOString(),
      };
      await campaign.executeUpdate(moveMilestones, { args: [{ actor: 'admin', milestones }] });
      moves.push(milestones);
    }

    const history = await runs(campaignWorkflowId(small.code));
    expect(history.length).toBeGreaterThan(1); // the hand-over really happened
    expect(taskTimeouts(history)).toBe(0); // and no update waited for a lost task
    const recorded = await ds.query<Array<{ data: { milestones: Milestones } }>>(
      `SELECT data FROM events WHERE stream = $1 AND type IN (${ofType('MilestoneMoved')}) ORDER BY seq`,
      [campaignWorkflowId(small.code)],
    );
    expect(recorded.map((r) => r.data.milestones.registrationDue)).toEqual(moves.map((m) => m.registrationDue)); // each once, in order
    const last = moves.at(-1)!.registrationDue;
    for (const u of small.units) {
      await eventually(
        () => client.workflow.getHandle(unitWorkflowId(small.code, u.id)).query(getUnitState),
        (s) => s.tasks.registration?.dueAt === last,
      );
    }
  });

  it('answers every unit update, refused or accepted, while the unit run hands over', async () => {
    const def = instantiateTemplate(BINH_TAN_2019, { launchAt: new Date().toISOString(), code: `canu-${randomUUID().slice(0, 8)}` });
    const small = { ...def, units: def.units.slice(0, 1) };
    await launcher.launch(small, 'admin');
    const id = unitWorkflowId(small.code, small.units[0].id);
    const unit = client.workflow.getHandle(id);
    await eventually(
      () => unit.query(getUnitState).catch(() => undefined),
      (s) => s?.phase === 'awaiting-registration',
    );

    const registration = {
      actor: 'unit',
      commitments: 'Cam kết hoàn thành',
      initiatives: [{ title: 'Một cửa điện tử', description: 'Nhận hồ sơ trực tuyến' }],
    };
    for (let attempt = 1; attempt <= 5; attempt++) {
      // Refused first (nothing to decide yet), then a submission and a return: each accepted pair adds history.
      await expect(unit.executeUpdate(decideRegistration, { args: [{ actor: 'coordinator', decision: 'approve' }] })).rejects.toMatchObject(
        { cause: { type: 'wrong-phase' } },
      );
      expect((await unit.executeUpdate(submitRegistration, { args: [registration] })).registrationAttempts).toBe(attempt);
      await expect(unit.executeUpdate(submitRegistration, { args: [registration] })).rejects.toMatchObject({
        cause: { type: 'wrong-phase' },
      });
      await unit.executeUpdate(decideRegistration, {
        args: [{ actor: 'coordinator', decision: 'return', reason: `Bổ sung lần ${attempt}` }],
      });
    }

    const history = await runs(id);
    expect(history.length).toBeGreaterThan(1);
    expect(taskTimeouts(history)).toBe(0);
    const types = await ds.query<Array<{ type: string; seq: number }>>('SELECT type, seq FROM events WHERE stream = $1 ORDER BY seq', [id]);
    expect(types.map((t) => t.seq)).toEqual(types.map((_, i) => i + 1)); // contiguous, nothing twice
    expect(types.filter((t) => t.type === eventType('RegistrationSubmitted'))).toHaveLength(5);
    expect(types.filter((t) => t.type === eventType('RegistrationReturned'))).toHaveLength(5);
  });
});
