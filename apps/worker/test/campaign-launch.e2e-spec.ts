/** Launching and steering a campaign on the real Temporal dev server and PostgreSQL. */
import type { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { CampaignConflictError, type CampaignLauncher } from '@thidua/campaigns';
import {
  addUnit,
  BINH_TAN_2019,
  campaignWorkflowId,
  cancelCampaign,
  getUnitState,
  instantiateTemplate,
  moveMilestones,
  submitRegistration,
  unitWorkflowId,
  type CampaignDefinition,
} from '@thidua/contracts';
import { temporalBackends, historiesDir, recordHistories, eventually, startWorkerStack, type WorkerStack, ofType } from '@thidua/testing';
import { EXPECTED_STARTS_PER_SECOND } from '../src/campaigns/first-task-delay';

describe('campaign launch on the dev server', () => {
  let stack: WorkerStack;
  let client: Client;
  let ds: DataSource;
  let launcher: CampaignLauncher;

  beforeAll(async () => {
    stack = await startWorkerStack('launch');
    ({ client, ds, launcher } = stack);
  });
  afterAll(async () => {
    await stack?.worker.close();
  });

  const enrolled = async (code: string): Promise<number> =>
    Number((await ds.query<Array<{ n: string }>>('SELECT count(*) AS n FROM unit_status WHERE campaign_id = $1', [code]))[0]?.n);

  const definition = (): CampaignDefinition =>
    instantiateTemplate(BINH_TAN_2019, { launchAt: new Date().toISOString(), code: `dev-${randomUUID().slice(0, 8)}` });

  it('enrols every unit once, is idempotent, refuses a different definition under the same code', async () => {
    const def = definition();
    expect(await launcher.launch(def, 'admin')).toEqual({ campaignId: def.code, created: true });
    expect(await launcher.launch(def, 'admin')).toEqual({ campaignId: def.code, created: false });
    await expect(launcher.launch({ ...def, title: 'Khác' })).rejects.toBeInstanceOf(CampaignConflictError);

    expect(
      await eventually(
        () => enrolled(def.code),
        (n) => n === def.units.length,
      ),
    ).toBe(26);
    const enrolEvents = await ds.query<Array<{ n: string }>>(
      `SELECT count(*) AS n FROM events WHERE campaign_id = $1 AND type IN (${ofType('UnitEnrolled')})`,
      [def.code],
    );
    expect(Number(enrolEvents[0]?.n)).toBe(26);

    // Found in Temporal's UI by campaign and unit, set at start (visibility is eventually consistent); their phase,
    // deadlines and escalation are the projection's, never upserted into Temporal's visibility.
    const listed = await eventually(
      async () => (await client.workflow.count(`CampaignId = "${def.code}" AND WorkflowType = "unitWorkflow"`)).count,
      (n) => n === 26,
    );
    expect(listed).toBe(26);
    expect((await client.workflow.count(`CampaignId = "${def.code}" AND Phase = "awaiting-registration"`)).count).toBe(0);
    expect((await client.workflow.count(`UnitId = "${def.units[0].id}" AND CampaignId = "${def.code}"`)).count).toBe(1);
  });

  it('moves milestones and cancels through the campaign workflow', async () => {
    const def = definition();
    await launcher.launch(def);
    await eventually(
      () => enrolled(def.code),
      (n) => n === 26,
    );
    const campaign = client.workflow.getHandle(campaignWorkflowId(def.code));
    const later = new Date(Date.parse(def.milestones.registrationDue) + 5 * 86_400_000).toISOString();

    await expect(
      campaign.executeUpdate(moveMilestones, {
        args: [
          {
            actor: 'admin',
            milestones: { ...def.milestones, registrationDue: def.milestones.campaignEndsAt, interimReviewAt: def.milestones.launchAt },
          },
        ],
      }),
    ).rejects.toMatchObject({ cause: { type: 'InvalidMilestones', message: expect.stringMatching(/không được trước/) } });
    await campaign.executeUpdate(moveMilestones, { args: [{ actor: 'admin', milestones: { ...def.milestones, registrationDue: later } }] });
    const unit = client.workflow.getHandle(unitWorkflowId(def.code, def.units[7].id));
    await eventually(
      () => unit.query(getUnitState),
      (s) => s.tasks.registration?.dueAt === later,
    );

    const extra = { id: 'ban-qlda-moi', name: 'Ban Quản lý dự án mới', kind: 'service-unit' as const };
    await campaign.executeUpdate(addUnit, { args: [{ actor: 'admin', unit: extra }] });
    const added = await eventually(
      () =>
        client.workflow
          .getHandle(unitWorkflowId(def.code, extra.id))
          .query(getUnitState)
          .catch(() => undefined),
      (s) => s !== undefined,
    );
    expect(added).toMatchObject({ phase: 'awaiting-registration', unit: extra });
    expect(added!.tasks.registration?.dueAt).toBe(later); // enrolled with the moved milestones

    await campaign.executeUpdate(cancelCampaign, { args: [{ actor: 'admin', reason: 'Thay đổi kế hoạch' }] });
    const phases = await eventually(
      () =>
        ds.query<Array<{ phase: string; n: string }>>(
          'SELECT phase, count(*) AS n FROM unit_status WHERE campaign_id = $1 GROUP BY phase',
          [def.code],
        ),
      (rows) => rows.length === 1 && rows[0]?.phase === 'cancelled' && Number(rows[0].n) === 27,
    );
    expect(Number(phases[0]?.n)).toBe(27);
    const row = await ds.query<Array<{ status: string; definition: CampaignDefinition }>>(
      'SELECT status, definition FROM campaigns WHERE id = $1',
      [def.code],
    );
    expect(row[0]?.status).toBe('cancelled');
    expect(row[0]?.definition.milestones.registrationDue).toBe(later);
    await campaign.result();
    await recordHistories(client, campaignWorkflowId(def.code), historiesDir('campaign'), 'campaign-move-add-cancel');
  });
});

describe.each(temporalBackends())('a large launch on the %s', (_backend, temporalAddress) => {
  let stack: WorkerStack;

  beforeAll(async () => {
    // One first task a second: the 26th unit of the ward template waits 26 s for its first task.
    stack = await startWorkerStack('trickle', { LAUNCH_FIRST_TASKS_PER_SECOND: '1', TEMPORAL_ADDRESS: temporalAddress });
  });
  afterAll(async () => {
    await stack?.worker.close();
  });

  it('trickles the units’ first tasks after the launch, every unit enrolled at once, and a submission runs at once', async () => {
    const { client, ds, launcher } = stack;
    const def = instantiateTemplate(BINH_TAN_2019, { launchAt: new Date().toISOString(), code: `trickle-${randomUUID().slice(0, 8)}` });
    await launcher.launch(def, 'admin');
    // The enrolments are stored and projected before any workflow starts: every unit is there for its users.
    await eventually(
      () =>
        ds.query<Array<{ n: string }>>("SELECT count(*) AS n FROM unit_status WHERE campaign_id = $1 AND phase = 'awaiting-registration'", [
          def.code,
        ]),
      (r) => Number(r[0]?.n) === 26,
    );
    await eventually(
      () => ds.query<Array<{ status: string }>>('SELECT status FROM campaigns WHERE id = $1', [def.code]),
      (r) => r[0]?.status === 'running',
    );
    const first = await client.workflow.getHandle(unitWorkflowId(def.code, def.units[0].id)).describe();
    const last = client.workflow.getHandle(unitWorkflowId(def.code, def.units[25].id));
    const lastInfo = await last.describe();
    // First tasks queue up after the launch's expected end, one a second: the first unit's is scheduled about a
    // second after its start (the launch's remaining 25 starts are a fraction of a second), the 26th's about 26 s.
    expect(first.executionTime!.getTime() - first.startTime.getTime()).toBeLessThanOrEqual(1000 + (25 / EXPECTED_STARTS_PER_SECOND) * 1000);
    expect(lastInfo.executionTime!.getTime() - lastInfo.startTime.getTime()).toBeGreaterThanOrEqual(25_000);
    // A unit's submission does not wait for the delay: the update runs the workflow's first task at once.
    const view = await last.executeUpdate(submitRegistration, {
      args: [{ actor: 'unit', commitments: 'Cam kết', initiatives: [{ title: 'Một cửa số', description: 'Hồ sơ trực tuyến' }] }],
    });
    expect(view.phase).toBe('registration-submitted');
    expect(Date.now()).toBeLessThan(lastInfo.executionTime!.getTime());
  });
});
