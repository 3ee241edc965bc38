/**
 * A unit whose worker is away through its whole registration window (real Temporal dev server, PostgreSQL,
 * a compressed campaign through the API): when the worker returns after the cut-off, the unit records the
 * deadline it missed and is closed as non-compliant, in its log and its read model, with no burst of
 * reminders or escalations that would no longer help anyone.
 */
import { randomUUID } from 'node:crypto';
import { startApiStack, type ApiStack, eventually, eventType } from '@thidua/testing';

const SECOND = 1000;

describe('a unit woken only after its cut-off', () => {
  let stack: ApiStack;

  beforeAll(async () => {
    stack = await startApiStack('latewake');
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('records the missed deadline, then closes the unit as non-compliant', async () => {
    const admin = stack.admin;
    expect((await admin.post('/api/units/import', { templateId: 'binh-tan-cchc-2019' })).status).toBe(201);
    const unitId = 'ubnd-phuong-tan-tao';
    const code = `late-${randomUUID().slice(0, 8)}`;
    const t0 = Date.now();
    const template = await admin.get(
      `/api/campaign-templates/binh-tan-cchc-2019?launchAt=${new Date(t0).toISOString()}&dayLength=PT0.5S&code=${code}`,
    );
    expect(template.status).toBe(200);
    const at = (s: number): string => new Date(t0 + s * SECOND).toISOString();
    // The first reminder is 14 s away: time enough for the unit's first task and the worker's stop on a busy machine.
    const definition = {
      ...template.body,
      units: [unitId],
      chase: { reminderOffsets: ['PT1S'], overdueReminderInterval: 'PT1S', escalationDelay: 'PT1S' },
      milestones: {
        launchAt: at(0),
        registrationDue: at(15),
        registrationCutoffAt: at(17),
        interimReviewAt: at(60),
        campaignEndsAt: at(70),
        finalReportDue: at(80),
        finalReportCutoffAt: at(85),
      },
    };
    expect((await admin.post('/api/campaigns', { definition })).status).toBe(201);
    const path = `/api/campaigns/${code}/units/${unitId}`;
    // The unit's first task has run (its registration is open and its alarm armed); then the worker goes away.
    await eventually(
      () => admin.get(path),
      (r) => r.status === 200 && r.body.deadlines?.registration?.status === 'open',
      30 * SECOND,
    );
    await stack.stopWorker();
    try {
      // The reminder, the deadline, both escalations and the cut-off pass with nobody to wake the unit.
      await eventually(
        async () => Date.now(),
        (now) => now > Date.parse(definition.milestones.registrationCutoffAt) + SECOND,
        60 * SECOND,
      );
      expect((await admin.get(path)).body.phase).toBe('awaiting-registration');
    } finally {
      await stack.startWorker();
    }

    const closed = await eventually(
      () => admin.get(path),
      (r) => r.body.phase === 'non-compliant',
      60 * SECOND,
    );
    expect(closed.body.deadlines.registration).toMatchObject({ status: 'missed', missed: true });
    const log = (await admin.get(`${path}/events`)).body as Array<{ type: string; data: Record<string, unknown> }>;
    expect(log.slice(-2).map((e) => e.type)).toEqual(['DeadlineMissed', 'UnitClosed']);
    expect(log.at(-2)?.data).toEqual({ task: 'registration', dueAt: definition.milestones.registrationDue });
    expect(log.at(-1)?.data).toMatchObject({ reason: 'non-compliant', task: 'registration' });
    expect(log.filter((e) => e.type === eventType('ReminderSent') || e.type === eventType('UnitEscalated'))).toEqual([]);
  });
});
