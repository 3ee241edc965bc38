/**
 * A whole compressed campaign through the HTTP API only, on the real Temporal dev server (and the Temporal
 * server on PostgreSQL when the suite runs it) and PostgreSQL:
 * the admin sets up units and accounts and launches; units log in, read their tasks and submit; one
 * registration is returned and resubmitted; one unit never registers and is escalated, then closed;
 * reviews are recorded; the summary and the event logs are checked.
 */
import { randomUUID } from 'node:crypto';
import { startApiStack, type ApiClient, type ApiStack, temporalBackends, eventually, scenario, eventType } from '@thidua/testing';

const SECOND = 1000;

describe.each(temporalBackends())('a compressed campaign through the API on the %s', (_backend, temporalAddress) => {
  let stack: ApiStack;
  let admin: ApiClient;

  beforeAll(async () => {
    stack = await startApiStack('campaignapi', { TEMPORAL_ADDRESS: temporalAddress });
    admin = stack.admin;
  });
  afterAll(async () => {
    await stack?.close();
  });

  it(
    'runs from launch to the final reviews',
    scenario(async (step) => {
      step("the directory: the template's 26 units imported, one created by hand");
      const imported = await admin.post('/api/units/import', { templateId: 'binh-tan-cchc-2019' });
      expect(imported).toMatchObject({ status: 201, body: { created: 26, existing: 0 } });
      const created = await admin.post('/api/units', {
        id: 'to-cong-tac-cchc',
        name: 'Tổ công tác cải cách hành chính',
        kind: 'agency',
        headEmail: 'to-cong-tac@binhtan.example.vn',
      });
      expect(created.status).toBe(201);
      expect((await admin.get('/api/units')).body).toHaveLength(27);

      step('unit and coordinator accounts created');
      const [onTime, returned, silent, extra] = ['phong-tu-phap', 'ubnd-phuong-an-lac', 'ubnd-phuong-tan-tao', 'to-cong-tac-cchc'];
      const password = 'mat-khau-don-vi-2026';
      for (const unitId of [onTime, returned, silent, extra]) {
        expect((await admin.post('/api/accounts', { username: unitId, password, role: 'unit', unitId })).status).toBe(201);
      }
      expect(
        (
          await admin.post('/api/accounts', {
            username: 'can-bo-noi-vu',
            password,
            role: 'coordinator',
            displayName: 'Cán bộ Phòng Nội vụ',
          })
        ).status,
      ).toBe(201);
      const accounts = await admin.get('/api/accounts');
      expect(accounts.body).toHaveLength(6);
      expect(JSON.stringify(accounts.body)).not.toContain('scrypt');

      step('the template shifted to now, compressed and launched');
      // The template, shifted to now and compressed (one plan day = 0.5 s); the test then sets windows wide
      // enough for HTTP round trips on a busy machine, as an admin would adjust milestones in the console.
      const code = `api-${randomUUID().slice(0, 8)}`;
      const t0 = Date.now();
      const template = await admin.get(
        `/api/campaign-templates/binh-tan-cchc-2019?launchAt=${new Date(t0).toISOString()}&dayLength=PT0.5S&code=${code}`,
      );
      expect(template.status).toBe(200);
      expect(template.body.chase).toEqual({
        reminderOffsets: ['PT3.5S', 'PT1.5S', 'PT0.5S'],
        overdueReminderInterval: 'PT0.5S',
        escalationDelay: 'PT1.5S',
      });
      const at = (s: number): string => new Date(t0 + s * SECOND).toISOString();
      const definition = {
        ...template.body,
        units: [onTime, returned, silent, extra],
        milestones: {
          launchAt: at(0),
          registrationDue: at(8),
          registrationCutoffAt: at(14),
          interimReviewAt: at(15),
          campaignEndsAt: at(18),
          finalReportDue: at(30),
          finalReportCutoffAt: at(32),
        },
      };
      const launched = await admin.post('/api/campaigns', { definition });
      expect(launched.status).toBe(201);
      expect(launched.body).toMatchObject({ id: code, launch: { unitsTotal: 4 } });
      expect((await admin.post('/api/campaigns', { definition })).status).toBe(200);
      expect((await admin.post('/api/campaigns', { definition: { ...definition, title: 'Khác' } })).status).toBe(409);

      step('the launch completes');
      // The launch is done once the last batch's units are started and CompleteLaunch is stored, in that order.
      const summary = await eventually(
        () => admin.get(`/api/campaigns/${code}`),
        (r) => r.body.counts.byPhase['awaiting-registration'] === 4 && r.body.status !== 'launching',
      );
      expect(summary.body).toMatchObject({ status: 'running', launch: { unitsTotal: 4, unitsEnrolled: 4, done: true } });

      step('units log in and find their registration task');
      const unit = Object.fromEntries(
        await Promise.all([onTime, returned, silent, extra].map(async (id) => [id, await stack.anonymous.login(id, password)] as const)),
      );
      const coordinator = await stack.anonymous.login('can-bo-noi-vu', password);
      const tasks = await unit[onTime].get('/api/me/tasks');
      expect(tasks.body).toEqual([
        expect.objectContaining({
          campaignId: code,
          unitId: onTime,
          kind: 'registration',
          dueAt: definition.milestones.registrationDue,
          cutoffAt: definition.milestones.registrationCutoffAt,
          overdue: false,
        }),
      ]);

      step('registrations submitted, approved, one returned and resubmitted');
      const registration = (n: number) => ({
        commitments: 'Đơn vị cam kết hoàn thành các chỉ tiêu cải cách hành chính năm 2019.',
        initiatives: Array.from({ length: n }, (_, i) => ({
          title: `Sáng kiến ${i + 1}`,
          description: `Mô tả giải pháp số ${i + 1}: số hóa hồ sơ một cửa.`,
        })),
      });
      const path = (id: string) => `/api/campaigns/${code}/units/${id}`;
      for (const id of [onTime, returned, extra]) {
        const r = await unit[id].post(`${path(id)}/registration`, registration(2));
        expect(r.status).toBe(201);
        expect(r.body).toMatchObject({
          unitId: id,
          phase: 'registration-submitted',
          submissions: { registration: { late: false, initiatives: expect.any(Array) } },
        });
      }
      expect((await coordinator.post(`${path(onTime)}/registration/decision`, { decision: 'approve' })).body.phase).toBe(
        'registration-approved',
      );
      expect((await coordinator.post(`${path(extra)}/registration/decision`, { decision: 'approve' })).body.phase).toBe(
        'registration-approved',
      );
      const back = await coordinator.post(`${path(returned)}/registration/decision`, {
        decision: 'return',
        reason: 'Sáng kiến chưa nêu rõ chỉ tiêu đo lường',
      });
      expect(back.body).toMatchObject({ phase: 'registration-returned' });
      expect((await unit[returned].get('/api/me/tasks')).body).toEqual([
        expect.objectContaining({ kind: 'registration', returnedReason: 'Sáng kiến chưa nêu rõ chỉ tiêu đo lường' }),
      ]);
      expect((await unit[returned].post(`${path(returned)}/registration`, registration(3))).body).toMatchObject({
        phase: 'registration-submitted',
        registrationAttempts: 2,
      });
      expect((await admin.post(`${path(returned)}/registration/decision`, { decision: 'approve' })).body.phase).toBe(
        'registration-approved',
      );
      expect((await unit[returned].get('/api/me/tasks')).body).toEqual([]);

      step('the silent unit is reminded and escalated twice; inboxes show it');
      // The silent unit is reminded, misses the deadline, is escalated to its head and the coordinator, then to the issuer.
      const escalated = await eventually(
        () => coordinator.get(path(silent)),
        (r) => r.body.escalationLevel === 2,
        30 * SECOND,
      );
      expect(escalated.body).toMatchObject({ phase: 'awaiting-registration', overdue: true });
      expect(escalated.body.remindersSent).toBeGreaterThanOrEqual(3);
      const silentTasks = await unit[silent].get('/api/me/tasks');
      expect(silentTasks.body).toEqual([expect.objectContaining({ kind: 'registration', overdue: true })]);
      const inbox = await unit[silent].get('/api/me/notifications');
      expect(inbox.body.unread).toBeGreaterThanOrEqual(3);
      expect(inbox.body.items[0].subject).toMatch(/[ĐđNn]hắc|[Qq]uá hạn|hạn/);
      const marked = await unit[silent].post(`/api/me/notifications/${encodeURIComponent(inbox.body.items[0].id)}/read`);
      expect(marked.status).toBe(200);
      // The clock keeps running, so another reminder may arrive meanwhile: count only the notifications seen before.
      const seen = new Set(inbox.body.items.map((n: { id: string }) => n.id));
      const after = (await unit[silent].get('/api/me/notifications?limit=200')).body.items.filter((n: { id: string }) => seen.has(n.id));
      expect(after.find((n: { id: string }) => n.id === inbox.body.items[0].id)?.readAt).toEqual(expect.any(String));
      expect(after.filter((n: { readAt: string | null }) => n.readAt === null)).toHaveLength(
        inbox.body.items.filter((n: { readAt: string | null }) => n.readAt === null).length - 1,
      );
      expect((await unit[onTime].post(`/api/me/notifications/${encodeURIComponent(inbox.body.items[1].id)}/read`)).status).toBe(404);
      const coordinatorInbox = await coordinator.get('/api/me/notifications');
      expect(coordinatorInbox.body.items.some((n: { unitId: string }) => n.unitId === silent)).toBe(true);
      const overdueRows = await admin.get(`/api/campaigns/${code}/units?overdue=true`);
      expect(overdueRows.body).toMatchObject({ total: 1, items: [{ unitId: silent, escalationLevel: 2 }] });

      step('interim reviews after the interim review date');
      await eventually(
        () => coordinator.get(path(onTime)),
        (r) => r.body.stage !== 'registration',
        30 * SECOND,
      );
      for (const id of [onTime, returned, extra]) {
        const r = await coordinator.post(`${path(id)}/reviews`, { stage: 'interim', rating: 'good', note: 'Triển khai đúng kế hoạch' });
        expect(r.status).toBe(201);
        expect(r.body.reviews.interim).toMatchObject({ rating: 'good' });
      }
      step('after the cut-off the silent unit is closed and refused');
      // After the cut-off the silent unit is closed and its work refused.
      await eventually(
        () => admin.get(path(silent)),
        (r) => r.body.phase === 'non-compliant',
        30 * SECOND,
      );
      const tooLate = await unit[silent].post(`${path(silent)}/registration`, registration(1));
      expect(tooLate.status).toBe(409);

      step("final reports checked against the template's criteria (the 2019 targets as data), then final reviews");
      // The campaign ends: final reports, each value checked against its criterion's rule, then final reviews.
      await eventually(
        () => unit[onTime].get('/api/me/tasks'),
        (r) => r.body[0]?.kind === 'final-report',
        30 * SECOND,
      );
      // Each unit's workflow reaches the campaign's end on its own timer: the other two report next, so wait for theirs too.
      for (const id of [returned, extra])
        await eventually(
          () => unit[id].get('/api/me/tasks'),
          (r) => (r.body as Array<{ kind: string }>).some((t) => t.kind === 'final-report'),
          30 * SECOND,
        );
      const good = { 'hai-long-tthc': 92, 'ho-so-dung-hen': 99.2, 'dvc-muc-do-3-4': 35, 'tra-loi-phan-anh': 24 };
      const report = await unit[onTime].post(`${path(onTime)}/final-report`, { summary: 'Hoàn thành toàn bộ chỉ tiêu.', values: good });
      expect(report.status).toBe(201);
      // Four of the five criteria apply to an agency (public-service satisfaction is for service units).
      expect(
        report.body.submissions['final-report'].criteriaCheck.map((c: { criterion: string; met: boolean }) => [c.criterion, c.met]),
      ).toEqual([
        ['hai-long-tthc', true],
        ['ho-so-dung-hen', true],
        ['dvc-muc-do-3-4', true],
        ['tra-loi-phan-anh', true],
      ]);
      expect(report.body.criteria.map((c: { id: string }) => c.id)).toEqual(Object.keys(good));
      const weak = await unit[returned].post(`${path(returned)}/final-report`, {
        summary: 'Còn chỉ tiêu chưa đạt.',
        values: { ...good, 'ho-so-dung-hen': 95 },
      });
      expect(
        weak.body.submissions['final-report'].criteriaCheck.find((c: { criterion: string }) => c.criterion === 'ho-so-dung-hen'),
      ).toMatchObject({ met: false, value: 95, target: 'trên 98%' });
      const bare = await unit[extra].post(`${path(extra)}/final-report`, { summary: 'Báo cáo không kèm số liệu.' });
      expect(bare.status).toBe(400);
      expect(bare.body.message).toMatch(/values\.hai-long-tthc .*báo cáo cuối đợt cần số liệu/);
      expect((await unit[extra].post(`${path(extra)}/final-report`, { summary: 'Báo cáo đủ số liệu.', values: good })).status).toBe(201);
      for (const id of [onTime, returned, extra]) {
        const r = await coordinator.post(`${path(id)}/reviews`, {
          stage: 'final',
          rating: id === onTime ? 'excellent' : 'completed',
          commendation: id === onTime ? 'Giấy khen của Chủ tịch UBND quận' : undefined,
        });
        expect(r.body.phase).toBe('completed');
      }
      const detail = await unit[onTime].get(path(onTime));
      expect(detail.body).toMatchObject({
        phase: 'completed',
        escalationLevel: 0,
        overdue: false,
        reviews: { final: { rating: 'excellent' } },
      });

      step('the campaign finishes and refuses a re-plan');
      // The last unit to end tells the campaign, which records CampaignFinished (once) and closes.
      const final = await eventually(
        () => admin.get(`/api/campaigns/${code}`),
        (r) => r.body.status === 'finished',
      );
      expect(final.body).toMatchObject({ status: 'finished', counts: { byPhase: { completed: 3, 'non-compliant': 1 }, overdue: 0 } });
      const closed = await admin.call('PATCH', `/api/campaigns/${code}/milestones`, { milestones: final.body.milestones });
      expect(closed.status).toBe(409);

      step('the event logs: every step with its actor, oldest first');
      const log = await coordinator.get(`${path(returned)}/events`);
      const types = log.body.map((e: { type: string }) => e.type);
      expect(types[0]).toBe('UnitEnrolled');
      expect(types.filter((t: string) => t === 'RegistrationSubmitted')).toHaveLength(2);
      expect(log.body.find((e: { type: string }) => e.type === eventType('RegistrationReturned'))).toMatchObject({
        actor: 'coordinator:can-bo-noi-vu',
        data: { reason: 'Sáng kiến chưa nêu rõ chỉ tiêu đo lường' },
      });
      expect(log.body.find((e: { type: string }) => e.type === eventType('RegistrationApproved')).actor).toBe('admin:quan-tri');
      expect(log.body.find((e: { type: string }) => e.type === eventType('RegistrationSubmitted')).actor).toBe(`unit:${returned}`);
      expect(types[types.length - 1]).toBe('UnitCompleted');
      const seqs = log.body.map((e: { seq: number }) => e.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      const silentLog = (await admin.get(`${path(silent)}/events`)).body.map(
        (e: { type: string; data: { level?: number } }) => `${e.type}${e.data.level ?? ''}`,
      );
      expect(silentLog).toEqual(
        expect.arrayContaining(['ReminderSent', 'DeadlineMissed', 'UnitEscalated1', 'UnitEscalated2', 'UnitClosed']),
      );

      step('read state is each person’s');
      const laterInbox = await coordinator.get('/api/me/notifications');
      // Read state is each person's: a coordinator reading a notice leaves it unread for a colleague, and a
      // coordinator who joins later does not inherit the old notices as unread.
      expect(laterInbox.body.unread).toBeGreaterThanOrEqual(1);
      expect((await admin.post('/api/accounts', { username: 'can-bo-moi', password, role: 'coordinator' })).status).toBe(201);
      const newcomer = await stack.anonymous.login('can-bo-moi', password);
      const newcomerInbox = (await newcomer.get('/api/me/notifications')).body;
      expect(newcomerInbox.items.length).toBeGreaterThanOrEqual(1);
      expect(
        newcomerInbox.items.filter(
          (n: { createdAt: string; readAt: string | null }) => n.readAt === null && n.createdAt < laterInbox.body.items[0].createdAt,
        ),
      ).toEqual([]);
      const first = laterInbox.body.items.find((n: { readAt: string | null }) => n.readAt === null);
      expect((await coordinator.post(`/api/me/notifications/${encodeURIComponent(first.id)}/read`)).status).toBe(200);
      expect((await coordinator.get('/api/me/notifications')).body.unread).toBe(laterInbox.body.unread - 1);
      expect(
        (await admin.get('/api/me/notifications')).body.items.find((n: { id: string }) => n.id === first.id)?.readAt ?? null,
      ).toBeNull();
    }),
  );
});
