/**
 * Accepted means stored, and never twice: concurrent retries with one Idempotency-Key make one event; a
 * submission while no worker runs is stored and answered, and the unit's workflow takes it up when a worker
 * returns; a change whose announcement was never sent (the API died after its commit) reaches the workflow
 * through the worker.
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Client } from '@temporalio/client';
import { storeUnitCommand } from '@thidua/campaigns';
import { getUnitState, unitWorkflowId, type UnitView } from '@thidua/contracts';
import { callerCommand } from '@thidua/domain';
import { startApiStack, type ApiClient, type ApiStack, temporalBackends, eventually, ofType } from '@thidua/testing';

describe.each(temporalBackends())('durable, idempotent submissions on the %s', (_backend, temporalAddress) => {
  let stack: ApiStack;
  let ds: DataSource;
  const code = `dur-${randomUUID().slice(0, 8)}`;
  const units = ['phong-tu-phap', 'phong-y-te', 'phong-kinh-te'];
  const pw = 'mat-khau-kiem-thu-2026';
  const client: Record<string, ApiClient> = {};

  const submitted = async (unitId: string): Promise<number> =>
    Number(
      (
        await ds.query<Array<{ n: string }>>(
          `SELECT count(*) AS n FROM events WHERE campaign_id = $1 AND unit_id = $2 AND type IN (${ofType('RegistrationSubmitted')})`,
          [code, unitId],
        )
      )[0].n,
    );
  const logSeq = async (unitId: string): Promise<number> =>
    Number(
      (await ds.query<Array<{ n: number }>>('SELECT max(seq) AS n FROM events WHERE campaign_id = $1 AND unit_id = $2', [code, unitId]))[0]
        .n,
    );
  const owed = async (unitId: string): Promise<number> =>
    (await ds.query<unknown[]>('SELECT 1 FROM unit_announcements WHERE campaign_id = $1 AND unit_id = $2', [code, unitId])).length;
  const workflowState = (unitId: string): Promise<UnitView> =>
    stack.api.get(Client).workflow.getHandle(unitWorkflowId(code, unitId)).query(getUnitState);
  const path = (unitId: string): string => `/api/campaigns/${code}/units/${unitId}/registration`;
  const registration = (text: string) => ({
    commitments: text,
    initiatives: [{ title: 'Số hóa hồ sơ', description: 'Scan và lưu trữ hồ sơ điện tử' }],
  });

  beforeAll(async () => {
    stack = await startApiStack('durable', { UPDATE_TIMEOUT_MS: '3000', TEMPORAL_ADDRESS: temporalAddress });
    ds = stack.api.get(DataSource);
    await stack.admin.post('/api/units/import', { templateId: 'binh-tan-cchc-2019' });
    for (const id of units) {
      await stack.admin.post('/api/accounts', { username: id, password: pw, role: 'unit', unitId: id });
      client[id] = await stack.anonymous.login(id, pw);
    }
    const def = (await stack.admin.get(`/api/campaign-templates/binh-tan-cchc-2019?launchAt=${new Date().toISOString()}&code=${code}`))
      .body;
    expect((await stack.admin.post('/api/campaigns', { definition: { ...def, units } })).status).toBe(201);
    await eventually(
      () => stack.admin.get(`/api/campaigns/${code}`),
      (r) => r.body.status === 'running' && r.body.counts.byPhase['awaiting-registration'] === 3,
    );
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('applies the same submission sent 20 times concurrently with one key once, and answers each the same', async () => {
    const unitId = units[0];
    const key = randomUUID();
    const replies = await Promise.all(
      Array.from({ length: 20 }, () => client[unitId].post(path(unitId), registration('Cam kết năm 2026'), { 'idempotency-key': key })),
    );
    expect(new Set(replies.map((r) => r.status))).toEqual(new Set([201]));
    expect(new Set(replies.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(replies[0].body).toMatchObject({ phase: 'registration-submitted', registrationAttempts: 1 });
    expect(await submitted(unitId)).toBe(1);

    // A later retry gets the first answer; the same key with another body is refused and changes nothing.
    const again = await client[unitId].post(path(unitId), registration('Cam kết năm 2026'), { 'idempotency-key': key });
    expect(again.body).toEqual(replies[0].body);
    expect(again.status).toBe(201);
    // The key remembers the status it replays, not a fixed 200.
    const [stored] = await ds.query<Array<{ response_status: number }>>('SELECT response_status FROM idempotency_keys WHERE key = $1', [
      key,
    ]);
    expect(stored.response_status).toBe(201);
    const reused = await client[unitId].post(path(unitId), registration('Nội dung khác'), { 'idempotency-key': key });
    expect(reused.status).toBe(422);
    expect(reused.body.details).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
    // Without the key, a second submission is a new command, refused by the workflow's rules.
    expect((await client[unitId].post(path(unitId), registration('Cam kết năm 2026'))).status).toBe(409);
    expect(await submitted(unitId)).toBe(1);
  });

  it('decides one of many concurrent, different decisions on a registration and refuses the others, storing one', async () => {
    const unitId = units[0];
    const decision = `/api/campaigns/${code}/units/${unitId}/registration/decision`;
    // Each its own command (no key): the stream's lock makes them decide one after another against the log.
    const replies = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        stack.admin.post(decision, i % 2 ? { decision: 'return', reason: `Bổ sung lần ${i}` } : { decision: 'approve' }),
      ),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([201, ...Array<number>(9).fill(409)]);
    const decided = await ds.query<Array<{ type: string }>>(
      `SELECT type FROM events WHERE campaign_id = $1 AND unit_id = $2 AND type IN (${ofType('RegistrationApproved', 'RegistrationReturned')})`,
      [code, unitId],
    );
    expect(decided).toHaveLength(1);
    // The stream has no gap and the projection and the unit's workflow hold its last event.
    const [{ n, max }] = await ds.query<Array<{ n: string; max: number }>>(
      'SELECT count(*) AS n, max(seq) AS max FROM events WHERE campaign_id = $1 AND unit_id = $2',
      [code, unitId],
    );
    expect(Number(n)).toBe(max);
    const [row] = await ds.query<Array<{ last_seq: number }>>('SELECT last_seq FROM unit_status WHERE campaign_id = $1 AND unit_id = $2', [
      code,
      unitId,
    ]);
    expect(row.last_seq).toBe(max);
    await eventually(
      () => workflowState(unitId),
      (s) => s.seq === max,
      60_000,
    );
  });

  it('replays an account creation retried with its key instead of answering 409', async () => {
    const key = randomUUID();
    const body = { username: 'can-bo-moi', password: pw, role: 'coordinator' };
    const [a, b] = await Promise.all([
      stack.admin.post('/api/accounts', body, { 'idempotency-key': key }),
      stack.admin.post('/api/accounts', body, { 'idempotency-key': key }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body).toEqual(a.body);
    expect((await stack.admin.post('/api/accounts', body)).status).toBe(409);
    const created = await ds.query<Array<{ n: string }>>(
      `SELECT count(*) AS n FROM events WHERE type IN (${ofType('AccountCreated')}) AND data->>'username' = 'can-bo-moi'`,
    );
    expect(Number(created[0].n)).toBe(1);
  });

  it('accepts a submission while no worker runs, and the unit takes it up when the worker returns', async () => {
    const unitId = units[1];
    const key = randomUUID();
    await stack.stopWorker();
    let accepted: Awaited<ReturnType<ApiClient['post']>>;
    try {
      // The API decides and stores the command itself: no worker is needed to accept it, and it is not lost.
      accepted = await client[unitId].post(path(unitId), registration('Gửi khi hệ thống bận'), { 'idempotency-key': key });
      expect(accepted.status).toBe(201);
      expect(accepted.body).toMatchObject({ phase: 'registration-submitted', registrationAttempts: 1 });
      expect(await submitted(unitId)).toBe(1);
      // Reads answer from PostgreSQL at once.
      const detail = await client[unitId].get(`/api/campaigns/${code}/units/${unitId}`);
      expect(detail.body.submissions.registration.commitments).toBe('Gửi khi hệ thống bận');
    } finally {
      await stack.startWorker();
    }
    // The unit's workflow adopts the stored events once a worker runs it: its state is the log's.
    const seq = await logSeq(unitId);
    await eventually(
      () => workflowState(unitId),
      (s) => s.seq === seq && s.phase === 'registration-submitted',
      60_000,
    );
    // A retry with the same key answers the first answer and records nothing.
    const retried = await client[unitId].post(path(unitId), registration('Gửi khi hệ thống bận'), { 'idempotency-key': key });
    expect(retried.status).toBe(201);
    expect(retried.body).toEqual(accepted.body);
    expect(await submitted(unitId)).toBe(1);
    expect(await owed(unitId)).toBe(0);
  });

  it('tells the unit of a change stored without its announcement (the API gone before its signal)', async () => {
    const unitId = units[2];
    const actor = `unit:${unitId}`;
    const before = await workflowState(unitId);
    // What the API does up to its commit; it then dies before it signals the unit.
    const stored = await storeUnitCommand(
      ds,
      code,
      unitId,
      callerCommand('SubmitRegistration', { ...registration('Gửi trước khi API dừng'), actor }, new Date().toISOString()),
    );
    expect(stored?.stored.length).toBeGreaterThan(0);
    expect(await owed(unitId)).toBe(1);
    expect((await workflowState(unitId)).seq).toBe(before.seq);
    // Its grace for the API runs out: the worker delivers the announcement, and the unit reads the log.
    await ds.query('UPDATE unit_announcements SET due_at = now() WHERE campaign_id = $1 AND unit_id = $2', [code, unitId]);
    await eventually(
      () => workflowState(unitId),
      (s) => s.seq === stored!.state.seq && s.phase === 'registration-submitted',
      60_000,
    );
    await eventually(
      () => owed(unitId),
      (n) => n === 0,
      30_000,
    );
    // The unit goes on from there: a decision is taken on the registration it adopted.
    expect((await stack.admin.post(`/api/campaigns/${code}/units/${unitId}/registration/decision`, { decision: 'approve' })).status).toBe(
      201,
    );
    await eventually(
      () => workflowState(unitId),
      (s) => s.phase === 'registration-approved',
      60_000,
    );
  });

  it('stores a command once when its retries race its first try to the stream (one command id)', async () => {
    const unitId = units[1];
    const commandId = randomUUID();
    const before = await logSeq(unitId);
    // All read the unit before any is granted the stream's lock: the ones after the first meet its events in the
    // log, recognise their own command id there and answer the unit without deciding again.
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        storeUnitCommand(
          ds,
          code,
          unitId,
          callerCommand('DecideRegistration', { decision: 'approve', actor: 'coordinator:kiem-thu' }, new Date().toISOString()),
          commandId,
        ),
      ),
    );
    expect(answers.filter((a) => a!.stored.length > 0)).toHaveLength(1);
    const after = await logSeq(unitId);
    expect(after).toBeGreaterThan(before);
    expect(answers.map((a) => a!.state.seq)).toEqual(Array<number>(10).fill(after));
    expect(answers.every((a) => a!.state.phase === 'registration-approved')).toBe(true);
    const approvals = await ds.query<unknown[]>(
      `SELECT 1 FROM events WHERE campaign_id = $1 AND unit_id = $2 AND type IN (${ofType('RegistrationApproved')})`,
      [code, unitId],
    );
    expect(approvals).toHaveLength(1);
  });
});
