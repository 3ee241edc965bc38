/**
 * The operator's stuck-unit command on the real dev server and PostgreSQL: a unit whose store append keeps
 * failing (an injected outage of its stream) is listed with its last error and leaves the list by itself
 * once the outage ends, with its registration stored once; a unit whose workflow was terminated by hand is
 * listed and restarted from its log, then works again.
 */
import type { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { BINH_TAN_2019, getUnitState, instantiateTemplate, UNIT_WORKFLOW, unitWorkflowId, CAMPAIGN_ID } from '@thidua/contracts';
import { streams } from '@thidua/persistence';
import { eventually, unitDriver, startWorkerStack, type WorkerStack, ofType } from '@thidua/testing';
import { findStuckUnits, restartUnitFromLog } from '../src/operations/stuck-units';

describe('stuck units (operator command)', () => {
  let stack: WorkerStack;
  let client: Client;
  let ds: DataSource;
  const trigger = `outage_${randomUUID().replace(/-/g, '').slice(0, 12)}`;

  beforeAll(async () => {
    stack = await startWorkerStack('stuck');
    ({ client, ds } = stack);
  });
  afterAll(async () => {
    await ds?.query(`DROP TRIGGER IF EXISTS ${trigger} ON events`).catch(() => undefined);
    await ds?.query(`DROP FUNCTION IF EXISTS ${trigger}()`).catch(() => undefined);
    await stack?.worker.close();
  });

  it('lists a unit whose appends fail and a unit whose workflow was terminated, and both recover', async () => {
    const def = instantiateTemplate(BINH_TAN_2019, { launchAt: new Date().toISOString(), code: `stuck-${randomUUID().slice(0, 8)}` });
    const small = { ...def, units: def.units.slice(0, 3) };
    await stack.launcher.launch(small, 'admin');
    const status = async (): Promise<string | undefined> =>
      (await ds.query<Array<{ status: string }>>('SELECT status FROM campaigns WHERE id = $1', [small.code]))[0]?.status;
    await eventually(status, (s) => s === 'running');
    const [failing, terminated, healthy] = small.units.map((u) => u.id);
    const u = unitDriver(client, small.code);
    expect(await findStuckUnits(ds, client, { campaignId: small.code })).toEqual([]);

    // An outage of one stream: every append to it fails with a retryable error.
    const stream = streams.unit(small.code, failing).stream;
    await ds.query(`CREATE FUNCTION ${trigger}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.stream = '${stream}' THEN RAISE EXCEPTION 'injected outage of %', NEW.stream USING ERRCODE = '57P03'; END IF; RETURN NEW; END $$`);
    await ds.query(`CREATE TRIGGER ${trigger} BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION ${trigger}()`);
    const registration = u.register(failing);
    const listed = await eventually(
      () => findStuckUnits(ds, client, { campaignId: small.code }),
      (list) => list.some((s) => s.unitId === failing),
    );
    expect(listed).toEqual([
      expect.objectContaining({
        unitId: failing,
        workflowId: unitWorkflowId(small.code, failing),
        reason: 'store-append-failing',
        lastError: expect.stringContaining('injected outage'),
      }),
    ]);
    expect(listed[0].attempts).toBeGreaterThanOrEqual(1);
    expect((await u.register(healthy)).phase).toBe('registration-submitted'); // other streams are unaffected

    // The outage ends: the append retries by itself, the update is answered, the unit leaves the list.
    await ds.query(`DROP TRIGGER ${trigger} ON events`);
    expect((await registration).phase).toBe('registration-submitted');
    const registered = await ds.query<Array<{ n: string }>>(
      `SELECT count(*) AS n FROM events WHERE stream = $1 AND type IN (${ofType('RegistrationSubmitted')})`,
      [stream],
    );
    expect(Number(registered[0].n)).toBe(1);
    expect(await findStuckUnits(ds, client, { campaignId: small.code })).toEqual([]);

    // A workflow terminated by hand while the log says the unit is open.
    await u.handle(terminated).terminate('operator mistake');
    const orphan = await eventually(
      () => findStuckUnits(ds, client, { campaignId: small.code }),
      (list) => list.length > 0,
    );
    expect(orphan).toEqual([
      expect.objectContaining({
        unitId: terminated,
        reason: 'workflow-closed-unit-open',
        lastError: expect.stringContaining('TERMINATED'),
      }),
    ]);
    await expect(restartUnitFromLog(ds, client, stack.taskQueue, small.code, healthy)).rejects.toThrow('đang chạy');
    const restarted = await restartUnitFromLog(ds, client, stack.taskQueue, small.code, terminated);
    expect(restarted.phase).toBe('awaiting-registration');
    expect((await u.handle(terminated).query(getUnitState)).seq).toBe(restarted.seq);
    expect((await u.register(terminated)).seq).toBe(restarted.seq + 1);
    expect(await findStuckUnits(ds, client, { campaignId: small.code })).toEqual([]);
  });

  it('lists a unit whose workflow task keeps failing, with the error', async () => {
    const code = `stuck-${randomUUID().slice(0, 8)}`;
    // A unit started with no unit at all: its first workflow task throws, and is retried for ever.
    await client.workflow.start(UNIT_WORKFLOW, {
      workflowId: unitWorkflowId(code, 'broken'),
      taskQueue: stack.taskQueue,
      args: [{ campaign: { campaignId: code } }],
      typedSearchAttributes: [{ key: CAMPAIGN_ID, value: code }],
    });
    const listed = await eventually(
      () => findStuckUnits(ds, client, { campaignId: code }),
      (list) => list.length > 0,
      90_000,
    );
    expect(listed).toEqual([
      expect.objectContaining({ unitId: 'broken', reason: 'workflow-task-failing', lastError: expect.stringContaining('id') }),
    ]);
    await client.workflow.getHandle(unitWorkflowId(code, 'broken')).terminate('test over');
  });
});
