/**
 * A current-law ward campaign with three report rounds and criteria of five kinds, from launch to its end
 * on the time-skipping server, with the real event-store activity writing to the real PostgreSQL: every
 * round is chased on its own (reminders, level 1 and 2 escalations, the cut-off) and every report's values
 * are checked against the campaign's rules.
 */
import { randomUUID } from 'node:crypto';
import { instantiateTemplate, WARD_2026, type CampaignDefinition, type UnitView } from '@thidua/contracts';
import { historiesDir, recordHistory, scenario, createHarness, type Harness, startUnits, unitDriver, eventType } from '@thidua/testing';

const DAY = 86_400_000;
const HOUR = 3_600_000;

describe('a ward campaign with report rounds and criteria under time skipping', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it(
    'chases each round on its own and checks each criterion',
    scenario(async (step) => {
      const launchAt = new Date(await h.env.currentTimeMs()).toISOString();
      const template = instantiateTemplate(WARD_2026, { launchAt, code: `phuong-${randomUUID().slice(0, 8)}` });
      // An agency, a service unit and three neighbourhoods: every criterion applies to someone, none to all.
      const pick = ['phong-van-hoa-xa-hoi', 'trung-tam-phuc-vu-hcc', 'khu-pho-1', 'khu-pho-2', 'khu-pho-3'];
      const def: CampaignDefinition = { ...template, units: template.units.filter((u) => pick.includes(u.id)) };
      const [agency, service, onTime, late, silent] = pick;
      const [q1, half, nine] = def.reports!;
      const m = def.milestones;
      const u = unitDriver(h.env.client, def.code);
      const events = (unitId: string): ReturnType<Harness['events']> => h.events(def.code, unitId);
      const roundValues: Record<string, Record<string, number>> = {
        [agency]: { 'ho-so-truc-tuyen': 93, 'tra-loi-phan-anh': 2, 'khieu-nai-vuot-cap': 0 },
        [service]: { 'ho-so-truc-tuyen': 88.5, 'thoi-gian-cho': 25, 'tra-loi-phan-anh': 3, 'khieu-nai-vuot-cap': 1 },
        [onTime]: { 'tra-loi-phan-anh': 1.5, 'khieu-nai-vuot-cap': 0, 'to-cong-nghe-so': 1 },
        [late]: { 'tra-loi-phan-anh': 4, 'khieu-nai-vuot-cap': 0, 'to-cong-nghe-so': 0 },
      };
      // Actions land an hour off the day grid (see the Bình Tân test: the time-skipping server and timers).
      const at = (iso: string, ms: number): Promise<void> => h.sleepUntil(iso, ms);
      let finalOfService: UnitView | undefined;

      step(
        'a year of the ward plan, skipped: registrations, three rounds (one late after escalation, one never sent), final reports and reviews',
      );
      await h.withWorker(async () => {
        await startUnits(h.env.client, def, h.taskQueue, false);
        await at(m.registrationDue, -2 * DAY + HOUR);
        for (const id of pick) {
          await u.register(id);
          await u.approve(id);
        }

        await at(q1.due, -1 * DAY + HOUR);
        for (const id of [agency, service, onTime]) await u.reportValues(id, { stage: 'round', round: q1.id }, roundValues[id]);
        await at(q1.due, 4 * DAY + HOUR); // after level 2 (escalation delay P3D)
        const lateRound = await u.reportValues(late, { stage: 'round', round: q1.id }, roundValues[late]);
        expect(lateRound.submissions[`round:${q1.id}`]).toMatchObject({
          late: true,
          criteriaCheck: [{ met: false }, { met: true }, { met: false }],
        });

        for (const round of [half, nine]) {
          await at(round.due, -2 * DAY + HOUR);
          for (const id of [agency, service, onTime, late]) await u.reportValues(id, { stage: 'round', round: round.id }, roundValues[id]);
        }

        await at(m.campaignEndsAt, 2 * DAY + HOUR);
        for (const id of [agency, service, onTime, late]) {
          const view = await u.reportValues(id, { stage: 'final' }, roundValues[id]);
          if (id === service) finalOfService = view;
          await u.review(id, 'final');
        }
      });

      step('the service unit’s final report: each of its four criteria checked by the campaign’s rule');
      expect(finalOfService?.submissions['final-report']?.criteriaCheck).toEqual([
        {
          criterion: 'ho-so-truc-tuyen',
          title: 'Tỷ lệ hồ sơ thủ tục hành chính nộp trực tuyến toàn trình',
          target: 'từ 90% trở lên',
          value: 88.5,
          met: false,
        },
        {
          criterion: 'thoi-gian-cho',
          title: 'Thời gian chờ tiếp nhận hồ sơ tại bộ phận một cửa',
          target: 'không quá 30 phút',
          value: 25,
          met: true,
        },
        {
          criterion: 'tra-loi-phan-anh',
          title: 'Thời hạn trả lời phản ánh, kiến nghị của người dân',
          target: 'không quá 3 ngày làm việc',
          value: 3,
          met: true,
        },
        { criterion: 'khieu-nai-vuot-cap', title: 'Khiếu nại, tố cáo vượt cấp, kéo dài', target: 'không để xảy ra', value: 1, met: false },
      ]);

      step('final phases from the projection of the log: the silent neighbourhood closed at the first round’s cut-off');
      const rows: Array<{ unit_id: string; phase: string; state: { tasks: Record<string, { status: string }> } }> = await h.ds.query(
        'SELECT unit_id, phase, state FROM unit_status WHERE campaign_id = $1',
        [def.code],
      );
      const phase = Object.fromEntries(rows.map((r) => [r.unit_id, r.phase]));
      expect(phase).toEqual({
        [agency]: 'completed',
        [service]: 'completed',
        [onTime]: 'completed',
        [late]: 'completed',
        [silent]: 'non-compliant',
      });
      const silentTasks = rows.find((r) => r.unit_id === silent)!.state.tasks;
      expect(silentTasks[`round:${q1.id}`].status).toBe('missed');

      step('the late neighbourhood’s first round, chased at its own times: reminders, level 1 at the due date, level 2 three days later');
      const due = Date.parse(q1.due);
      const roundTimeline = (await events(late))
        .filter((e) => e.data.task === `round:${q1.id}` || e.type === eventType('ReportSubmitted'))
        .map((e) => [e.type, Math.round(((e.occurred_at.getTime() - due) / DAY) * 24) / 24, e.data.level ?? e.data.kind ?? e.data.stage]);
      expect(roundTimeline.slice(0, 11)).toEqual([
        ['ReminderSent', -7, 'before'],
        ['ReminderSent', -3, 'before'],
        ['ReminderSent', -1, 'before'],
        ['DeadlineMissed', 0, undefined],
        ['UnitEscalated', 0, 1],
        ['ReminderSent', 1, 'overdue'],
        ['ReminderSent', 2, 'overdue'],
        ['ReminderSent', 3, 'overdue'],
        ['UnitEscalated', 3, 2],
        ['ReminderSent', 4, 'overdue'],
        ['ReportSubmitted', 4 + 1 / 24, 'round'],
      ]);

      step('the silent neighbourhood: every round reminded before its own due date; closed at the first round’s cut-off');
      const silentEvents = await events(silent);
      for (const round of [q1, half, nine]) {
        const keys = silentEvents
          .filter((e) => e.type === eventType('ReminderSent') && e.data.task === `round:${round.id}`)
          .map((e) => e.data.key);
        if (round === q1) expect(keys.slice(0, 3)).toEqual(['P7D', 'P3D', 'P1D'].map((o) => `round:${q1.id}:before:${o}`));
        else expect(keys).toEqual([]); // closed before these rounds came due
      }
      const closed = silentEvents.at(-1)!;
      expect(closed.type).toBe('UnitClosed');
      expect(closed.data).toEqual({ reason: 'non-compliant', task: `round:${q1.id}` });
      expect(Math.abs(closed.occurred_at.getTime() - Date.parse(q1.cutoffAt!))).toBeLessThan(1000); // the timer fires at the cut-off

      step('notifications call each round by its own title');
      const notes: Array<{ subject: string }> = await h.ds.query(
        "SELECT subject FROM notifications WHERE campaign_id = $1 AND unit_id = $2 AND channel = 'inbox' ORDER BY created_at",
        [def.code, late],
      );
      expect(notes.map((n) => n.subject)).toContain('Nhắc nhở báo cáo kết quả quý I: Khu phố 2');
      expect(notes.map((n) => n.subject)).toContain('[Quá hạn] Khu phố 2 chưa gửi báo cáo kết quả quý I');

      step('the late unit’s history is recorded for the replay test when asked');
      const history = await u.handle(late).fetchHistory();
      expect(history.events?.length).toBeLessThan(1000);
      recordHistory(history, historiesDir('unit'), 'unit-rounds-criteria');
    }),
  );
});
