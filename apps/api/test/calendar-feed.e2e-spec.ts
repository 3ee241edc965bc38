/**
 * Calendar feeds through the HTTP API: a unit's secret address gives its deadlines, cut-offs and meetings
 * as an RFC 5545 calendar that a kept parser (ical.js) reads, with alarms at the engine's own reminder
 * instants; a moved deadline bumps its SEQUENCE under the same UID; a rotated or revoked address is 404,
 * like one that never existed.
 */
import ICAL from 'ical.js';
import { randomUUID } from 'node:crypto';
import { startApiStack, type ApiClient, type ApiStack, eventually, scenario, eventType } from '@thidua/testing';

/** iCalendar times have whole seconds. */
const toSecond = (iso: string): string => new Date(Math.floor(Date.parse(iso) / 1000) * 1000).toISOString();

interface FeedEvent {
  uid: string;
  summary: string;
  sequence: number;
  start: string;
  end: string;
  tzid: string;
  alarms: string[];
}

/** The calendar as a calendar client reads it (ical.js), after checking RFC 5545's line rules. */
function parse(text: string): FeedEvent[] {
  expect(text.endsWith('\r\n')).toBe(true);
  const lines = text.split('\r\n').slice(0, -1);
  expect(lines.every((l) => !l.includes('\n') && !l.includes('\r'))).toBe(true); // CRLF only
  expect(lines.filter((l) => Buffer.byteLength(l, 'utf8') > 75)).toEqual([]); // folded at 75 octets
  const root = new ICAL.Component(ICAL.parse(text));
  for (const tz of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  return root.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    return {
      uid: e.uid,
      summary: e.summary,
      sequence: e.sequence,
      start: e.startDate.toJSDate().toISOString(),
      end: e.endDate.toJSDate().toISOString(),
      tzid: String(v.getFirstProperty('dtstart')?.getParameter('tzid')),
      // Relative triggers, as a client computes them: the event's start plus the (negative) duration.
      alarms: v
        .getAllSubcomponents('valarm')
        .map((a) =>
          new Date(
            e.startDate.toJSDate().getTime() + (a.getFirstPropertyValue('trigger') as ICAL.Duration).toSeconds() * 1000,
          ).toISOString(),
        ),
    };
  });
}

describe('calendar feeds', () => {
  let stack: ApiStack;
  let admin: ApiClient;

  beforeAll(async () => {
    stack = await startApiStack('feeds');
    admin = stack.admin;
  });
  afterAll(async () => {
    await stack?.close();
  });

  const fetchFeed = (path: string): Promise<{ status: number; type: string | null; text: string }> =>
    fetch(`${stack.anonymous.base}${path}`).then(async (r) => ({
      status: r.status,
      type: r.headers.get('content-type'),
      text: await r.text(),
    }));

  it(
    'gives each account its deadlines and meetings at a secret, revocable address',
    scenario(async (step) => {
      step('a ward campaign in working days, launched now; a neighbourhood and the coordinator have accounts');
      expect((await admin.post('/api/units/import', { templateId: 'phuong-cds-cchc-2026' })).status).toBe(201);
      const password = 'mat-khau-lich-2026';
      expect((await admin.post('/api/accounts', { username: 'khu-pho-1', password, role: 'unit', unitId: 'khu-pho-1' })).status).toBe(201);
      expect((await admin.post('/api/accounts', { username: 'vp-lich', password, role: 'coordinator' })).status).toBe(201);
      const unit = await stack.anonymous.login('khu-pho-1', password);
      const coordinator = await stack.anonymous.login('vp-lich', password);
      const code = `lich-${randomUUID().slice(0, 8)}`;
      const def = (
        await admin.get(
          `/api/campaign-templates/phuong-cds-cchc-2026?launchAt=${encodeURIComponent(new Date().toISOString())}&code=${code}`,
        )
      ).body;
      const launched = await admin.post('/api/campaigns', {
        definition: { ...def, units: ['khu-pho-1', 'khu-pho-2'], calendar: { workingDays: true } },
      });
      expect(launched.status).toBe(201);
      await eventually(
        () => admin.get(`/api/campaigns/${code}`),
        (r) => r.body.status === 'running',
      );

      step('no address until asked; then one, served as text/calendar to anyone who has it');
      expect((await unit.get('/api/me/calendar-feed')).body).toEqual({ path: null, createdAt: null });
      const made = await unit.post('/api/me/calendar-feed');
      expect(made.body.path).toMatch(/^\/api\/calendar\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);
      expect((await unit.get('/api/me/calendar-feed')).body).toEqual(made.body);
      const first = await fetchFeed(made.body.path);
      expect(first.status).toBe(200);
      expect(first.type).toBe('text/calendar; charset=utf-8');

      step('every task’s deadline and cut-off, and the meetings; times in Asia/Ho_Chi_Minh; alarms at the engine’s reminder instants');
      const events = parse(first.text);
      const detail = (await unit.get(`/api/campaigns/${code}/units/khu-pho-1`)).body;
      const tasks = Object.keys(detail.deadlines);
      expect(events.map((e) => e.uid).sort()).toEqual(
        [
          ...tasks.flatMap((k) => [`${code}.khu-pho-1.${k}@thi-dua.gov.vn`, `${code}.khu-pho-1.${k}.cutoff@thi-dua.gov.vn`]),
          `${code}.meeting.so-ket-6-thang@thi-dua.gov.vn`,
          `${code}.meeting.tong-ket@thi-dua.gov.vn`,
        ].sort(),
      );
      expect(new Set(events.map((e) => e.tzid))).toEqual(new Set(['Asia/Ho_Chi_Minh']));
      const round = events.find((e) => e.uid === `${code}.khu-pho-1.round:quy-1@thi-dua.gov.vn`)!;
      expect(round).toMatchObject({
        summary: `Hạn Báo cáo kết quả quý I – ${def.title}`,
        sequence: 0,
        end: toSecond(detail.deadlines['round:quy-1'].dueAt),
      });
      // Three alarms (7, 3 and 1 working days before), each in office hours (07:30–17:00, Monday to Friday here) and before the deadline.
      expect(round.alarms).toHaveLength(3);
      for (const a of round.alarms) {
        const local = new Date(Date.parse(a) + 7 * 3_600_000);
        const minutes = local.getUTCHours() * 60 + local.getUTCMinutes();
        expect({
          a,
          weekday: local.getUTCDay() >= 1 && local.getUTCDay() <= 5,
          office: minutes >= 450 && minutes < 1020,
          before: Date.parse(a) < Date.parse(round.end),
        }).toEqual({ a, weekday: true, office: true, before: true });
      }
      expect(parse((await fetchFeed(made.body.path)).text).map((e) => e.uid)).toEqual(events.map((e) => e.uid)); // stable UIDs

      step('a moved deadline keeps its UID and bumps its SEQUENCE');
      const summary = (await admin.get(`/api/campaigns/${code}`)).body;
      const later = new Date(Date.parse(summary.reports[0].due) + 7 * 86_400_000).toISOString();
      const reports = summary.reports.map((r: { id: string; cutoffAt?: string }, i: number) =>
        i === 0 ? { ...r, due: later, cutoffAt: new Date(Date.parse(later) + 14 * 86_400_000).toISOString() } : r,
      );
      expect((await admin.call('PATCH', `/api/campaigns/${code}/milestones`, { milestones: summary.milestones, reports })).status).toBe(
        200,
      );
      const moved = await eventually(
        () => fetchFeed(made.body.path),
        (r) => parse(r.text).find((e) => e.uid === round.uid)?.sequence === 1,
      );
      expect(parse(moved.text).find((e) => e.uid === round.uid)?.end).toBe(toSecond(later));

      step('a new announcement (a day off on the day of a reminder) reaches the running campaign’s units, whose reminders re-plan');
      const registration = parse((await fetchFeed(made.body.path)).text).find(
        (e) => e.uid === `${code}.khu-pho-1.registration@thi-dua.gov.vn`,
      )!;
      const firstAlarmDay = new Date(Date.parse(registration.alarms[0]) + 7 * 3_600_000).toISOString().slice(0, 10);
      const year = Number(firstAlarmDay.slice(0, 4));
      const yearNow = (await admin.get(`/api/calendar/${year}`)).body as {
        days: Array<{ date: string; kind: string; name: string; source: string }>;
        workedDays: typeof yearNow.days;
      };
      const current = [...yearNow.days, ...yearNow.workedDays]
        .filter((d) => d.source === 'override')
        .map(({ date, kind, name }) => ({ date, kind, name }));
      const announced = await admin.call('PUT', `/api/calendar/${year}/overrides`, {
        overrides: [...current, { date: firstAlarmDay, kind: 'day-off', name: 'Nghỉ theo thông báo mới' }],
      });
      expect(announced.status).toBe(200);
      const replanned = await eventually(
        () => admin.get(`/api/campaigns/${code}/units/khu-pho-1/events`),
        (r) => (r.body as Array<{ type: string }>).some((e) => e.type === eventType('CalendarChanged')),
      );
      expect(
        (replanned.body as Array<{ type: string; actor?: string }>).find((e) => e.type === eventType('CalendarChanged')),
      ).toMatchObject({
        actor: 'admin:quan-tri',
      });
      const after = parse((await fetchFeed(made.body.path)).text).find((e) => e.uid === registration.uid)!;
      expect(after.alarms.map((a) => new Date(Date.parse(a) + 7 * 3_600_000).toISOString().slice(0, 10))).not.toContain(firstAlarmDay);

      step('the coordinator’s feed: the campaign’s milestones, rounds and meetings');
      const staff = await coordinator.post('/api/me/calendar-feed');
      const staffEvents = parse((await fetchFeed(staff.body.path)).text);
      expect(staffEvents.map((e) => e.uid)).toEqual(
        expect.arrayContaining([
          `${code}.registrationDue@thi-dua.gov.vn`,
          `${code}.round.quy-1@thi-dua.gov.vn`,
          `${code}.meeting.tong-ket@thi-dua.gov.vn`,
        ]),
      );

      step('a new address replaces the old one at once; a revoked one and one that never existed answer the same 404');
      const rotated = await unit.post('/api/me/calendar-feed');
      expect(rotated.body.path).not.toBe(made.body.path);
      const old = await fetchFeed(made.body.path);
      const never = await fetchFeed(`/api/calendar/feeds/${'x'.repeat(43)}.ics`);
      expect(old.status).toBe(404);
      expect(JSON.parse(old.text).message).toBe('Không có lịch nào ở địa chỉ này (địa chỉ sai hoặc đã bị thu hồi)');
      expect(never.status).toBe(404);
      expect(JSON.parse(never.text).message).toBe(JSON.parse(old.text).message);
      expect((await fetchFeed(rotated.body.path)).status).toBe(200);
      expect((await unit.call('DELETE', '/api/me/calendar-feed')).body).toEqual({ path: null, createdAt: null });
      expect((await fetchFeed(rotated.body.path)).status).toBe(404);
    }),
  );
});
