/**
 * The working-day calendar through the HTTP API: a year's days off with their names and sources, the
 * instant N working days later, and admins replacing a year's announced changes (recorded in the log);
 * bad input names its field and changes nothing.
 */
import { DataSource } from 'typeorm';
import { startApiStack, type ApiClient, type ApiStack, scenario } from '@thidua/testing';

describe('the working-day calendar', () => {
  let stack: ApiStack;
  let admin: ApiClient;
  let coordinator: ApiClient;

  beforeAll(async () => {
    stack = await startApiStack('calendar');
    admin = stack.admin;
    const password = 'mat-khau-dieu-phoi-2026';
    expect((await admin.post('/api/accounts', { username: 'dieu-phoi-lich', password, role: 'coordinator' })).status).toBe(201);
    coordinator = await stack.anonymous.login('dieu-phoi-lich', password);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it(
    'answers the year, counts working days, and takes announced changes from admins',
    scenario(async (step) => {
      step('2025: Tết by rule, the swapped Saturday and its bridging day as announced, each named');
      const y2025 = await coordinator.get('/api/calendar/2025');
      expect(y2025.status).toBe(200);
      const days = y2025.body.days as Array<{ date: string; working: boolean }>;
      const day = (date: string): { date: string } | undefined => days.find((d) => d.date === date);
      expect(day('2025-01-29')).toEqual({
        date: '2025-01-29',
        name: 'Tết Nguyên đán (mùng 1)',
        kind: 'holiday',
        source: 'rule',
        working: false,
      });
      expect(day('2025-01-27')).toMatchObject({ kind: 'compensatory', working: false });
      expect(day('2025-05-02')).toMatchObject({ kind: 'day-off', source: 'override', working: false });
      expect(day('2025-04-26')).toBeUndefined(); // a day worked is not among the days off: it is listed apart
      expect(y2025.body.workedDays).toEqual([
        { date: '2025-04-26', name: 'Làm việc bù cho ngày nghỉ 02/05/2025', kind: 'working-day', source: 'override', working: true },
      ]);
      expect(days.every((d) => !d.working)).toBe(true);
      expect(day('2025-09-01')).toMatchObject({ name: 'Quốc khánh (ngày liền kề 2/9)' });

      step('three working days after Wednesday 3/2/2027 cross Tết to Monday 15/2, at the same hour');
      const across = await coordinator.get('/api/calendar/working-days?from=2027-02-03T09:30:00%2B07:00&add=3');
      expect(across.body).toEqual({ from: '2027-02-03T09:30:00+07:00', add: 3, at: '2027-02-15T02:30:00.000Z' });

      step('bad questions are refused naming the field');
      const bad: Array<[string, string]> = [
        ['/api/calendar/2014', 'year'],
        ['/api/calendar/hai-nghin', 'year'],
        ['/api/calendar/working-days?from=2027-02-30T09:00:00%2B07:00&add=1', 'from'],
        ['/api/calendar/working-days?from=2027-02-03T09:00:00%2B07:00&add=-1', 'add'],
        ['/api/calendar/working-days?from=2027-02-03T09:00:00%2B07:00&add=99999', 'add'],
        ['/api/calendar/working-days?from=2040-12-20T09:00:00%2B07:00&add=30', 'add'],
      ];
      for (const [path, field] of bad) {
        const r = await coordinator.get(path);
        expect([path, r.status]).toEqual([path, 400]);
        expect(r.body.details.map((d: { field: string }) => d.field)).toContain(field);
      }

      step('an admin records 2027’s announcement: Friday 12/2 off, Saturday 20/2 worked; counting follows, the log keeps it');
      const overrides = [
        { date: '2027-02-12', kind: 'day-off', name: 'Nghỉ dịp Tết Nguyên đán (làm bù thứ Bảy 20/02/2027)' },
        { date: '2027-02-20', kind: 'working-day', name: 'Làm việc bù cho ngày nghỉ 12/02/2027' },
      ];
      expect((await coordinator.call('PUT', '/api/calendar/2027/overrides', { overrides })).status).toBe(403);
      const wrong = await admin.call('PUT', '/api/calendar/2027/overrides', {
        overrides: [
          { date: '2027-02-30', kind: 'day-off', name: 'Không có ngày này' },
          { date: '2027-02-07', kind: 'day-off', name: 'Chủ nhật' },
          { date: '2027-03-02', kind: 'working-day', name: 'Thứ Ba' },
          { date: '2028-01-03', kind: 'day-off', name: 'Năm khác' },
        ],
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body.details.map((d: { field: string }) => d.field)).toEqual(['overrides.0.date']);
      const rules = await admin.call('PUT', '/api/calendar/2027/overrides', {
        overrides: [
          { date: '2027-02-07', kind: 'day-off', name: 'Chủ nhật' },
          { date: '2027-03-02', kind: 'working-day', name: 'Thứ Ba' },
          { date: '2028-01-03', kind: 'day-off', name: 'Năm khác' },
        ],
      });
      expect(rules.status).toBe(400);
      expect(rules.body.details.map((d: { message: string }) => d.message)).toEqual([
        'overrides.0.date: ngày 07/02/2027 vốn đã là ngày nghỉ',
        'overrides.1.date: ngày 02/03/2027 vốn đã là ngày làm việc',
        'overrides.2.date: ngày 03/01/2028 không thuộc năm 2027',
      ]);
      expect((await coordinator.get('/api/calendar/2027')).body.days.some((d: { source: string }) => d.source === 'override')).toBe(false);
      const set = await admin.call('PUT', '/api/calendar/2027/overrides', { overrides });
      expect(set.status).toBe(200);
      expect(set.body.days.filter((d: { source: string }) => d.source === 'override').map((d: { date: string }) => d.date)).toEqual([
        '2027-02-12',
      ]);
      expect(set.body.workedDays.map((d: { date: string }) => d.date)).toEqual(['2027-02-20']);
      const after = await coordinator.get('/api/calendar/working-days?from=2027-02-03T09:30:00%2B07:00&add=3');
      expect(after.body.at).toBe('2027-02-16T02:30:00.000Z'); // 11/2, 15/2, 16/2
      const log: Array<{ type: string; actor: string; data: { overrides: unknown[]; previous: unknown[] } }> = await stack.api
        .get(DataSource)
        .query("SELECT type, actor, data FROM events WHERE stream = 'calendar:2027' ORDER BY seq");
      expect(log).toEqual([{ type: 'CalendarOverridesSet', actor: 'admin:quan-tri', data: { year: 2027, overrides, previous: [] } }]);

      step(
        'a campaign that moves its deadlines off days not worked: "trước ngày 08/02/2027" (last day Sunday 7/2, in Tết) becomes the end of Thursday 11/2',
      );
      expect((await admin.post('/api/units/import', { templateId: 'binh-tan-cchc-2019' })).status).toBe(201);
      const code = `lich-${Date.now().toString(36)}`;
      const template = (
        await admin.get(`/api/campaign-templates/binh-tan-cchc-2019?code=${code}&launchAt=${encodeURIComponent(new Date().toISOString())}`)
      ).body;
      const milestones = {
        launchAt: new Date().toISOString(),
        registrationDue: '2027-02-08T00:00:00+07:00',
        interimReviewAt: '2027-06-01T08:00:00+07:00',
        campaignEndsAt: '2027-11-01T00:00:00+07:00',
        finalReportDue: '2027-11-15T00:00:00+07:00',
      };
      const badHours = await admin.post('/api/campaigns', {
        definition: {
          ...template,
          units: ['phong-tu-phap'],
          milestones,
          calendar: { workingDays: true, officeHours: { start: '25:00', end: '17:00' } },
        },
      });
      expect(badHours.status).toBe(400);
      expect(badHours.body.details.map((d: { field: string }) => d.field)).toEqual(['definition.calendar.officeHours.start']);
      const launched = await admin.post('/api/campaigns', {
        definition: { ...template, units: ['phong-tu-phap'], milestones, calendar: { workingDays: true, shiftDeadlines: true } },
      });
      expect(launched.status).toBe(201);
      expect(Date.parse(launched.body.milestones.registrationDue)).toBe(Date.parse('2027-02-12T00:00:00+07:00'));
      expect(launched.body.milestones.campaignEndsAt).toBe(milestones.campaignEndsAt); // not a deadline: it stands

      step('"accepted late up to 03 working days after the deadline": the cut-offs the plan does not state, across Tết');
      const lateCode = `${code}-tre`;
      const late = await admin.post('/api/campaigns', {
        definition: {
          ...template,
          code: lateCode,
          units: ['phong-tu-phap'],
          milestones: { ...milestones, registrationDue: '2027-02-03T00:00:00+07:00' },
          calendar: { workingDays: true, cutoffAfter: 'P3D' },
        },
      });
      expect(late.status).toBe(201);
      // Late registrations: Wednesday 3/2, then (Tết 4–10/2) Thursday 11/2 and, Friday 12/2 being off by the
      // announcement recorded above, Monday 15/2: refused from Tuesday 16/2 00:00.
      expect(Date.parse(late.body.milestones.registrationCutoffAt)).toBe(Date.parse('2027-02-16T00:00:00+07:00'));
      expect(Date.parse(late.body.milestones.finalReportCutoffAt)).toBe(Date.parse('2027-11-18T00:00:00+07:00'));
    }),
  );
});
