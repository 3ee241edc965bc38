/**
 * A campaign's own report rounds and criteria through the decider: each round is a task chased like any
 * other, each report's values are checked against the campaign's rules, and a plan without criteria keeps
 * the 2019 check it was recorded with.
 */
import { BINH_TAN_2019, roundTask, WARD_2026, type NewUnitEvent, type UnitRef, type UnitState } from '@thidua/contracts';
import { nextAlarm, tick } from './chase';
import type { UnitCommand } from './commands';
import { decide } from './decide';
import { evolve } from './evolve';

const DAY = 86_400_000;
const m = WARD_2026.milestones;
const [q1, half, nine] = WARD_2026.reports!;
const plus = (iso: string, days: number): string => new Date(Date.parse(iso) + days * DAY).toISOString();
const unitOf = (kind: UnitRef['kind']): UnitRef => WARD_2026.units.find((u) => u.kind === kind)!;

function enrol(unit: UnitRef, def = WARD_2026): UnitState {
  const campaign = { campaignId: 'w', title: def.title, issuer: def.issuer, coordinator: def.coordinator, timezone: def.timezone };
  const { milestones, chase, criteria, reports, meetings } = def;
  const events = decide(undefined, {
    type: 'Enrol',
    at: milestones.launchAt,
    data: { campaign, unit, milestones, chase, criteria, reports, meetings },
  });
  return apply(undefined, events);
}

function apply(state: UnitState | undefined, events: NewUnitEvent[]): UnitState {
  return events.reduce<UnitState | undefined>((s, e) => evolve(s, { ...e, seq: (s?.seq ?? 0) + 1 }), state)!;
}

/** The unit after sending its registration at launch (so only the rounds are chased). */
const registered = (s: UnitState): UnitState =>
  apply(
    s,
    decide(s, {
      type: 'SubmitRegistration',
      at: m.launchAt,
      data: { commitments: 'Cam kết', initiatives: [{ title: 'Số hóa', description: 'Hồ sơ số' }] },
    }),
  );

const report = (when: string, data: Partial<Extract<UnitCommand, { type: 'SubmitReport' }>['data']>): UnitCommand => ({
  type: 'SubmitReport',
  at: when,
  data: { stage: 'round', round: q1.id, summary: 'Kết quả quý I', ...data },
});

describe('report rounds', () => {
  it('makes each round a task of its own, open from enrolment, due when the plan says', () => {
    const s = enrol(unitOf('neighbourhood'));
    for (const r of WARD_2026.reports!) {
      expect(s.tasks[roundTask(r.id)]).toMatchObject({
        kind: `round:${r.id}`,
        status: 'open',
        dueAt: r.due,
        cutoffAt: r.cutoffAt,
        missed: false,
      });
    }
    expect(s.meetings).toEqual(WARD_2026.meetings);
  });

  it('reminds before a round is due, escalates when it is missed, and closes the unit at its cut-off', () => {
    let s = registered(enrol(unitOf('agency')));
    const before = tick(s, plus(q1.due, -7));
    expect(before).toEqual([
      expect.objectContaining({
        type: 'ReminderSent',
        data: expect.objectContaining({ task: `round:${q1.id}`, key: `round:${q1.id}:before:P7D`, kind: 'before' }),
      }),
    ]);
    s = apply(s, before);
    const due = tick(s, q1.due);
    expect(due.map((e) => e.type)).toEqual(['DeadlineMissed', 'UnitEscalated']);
    s = apply(s, due);
    expect(nextAlarm(s, q1.due)).toBe(plus(q1.due, 1));
    const closed = tick(s, q1.cutoffAt!);
    expect(closed).toEqual([expect.objectContaining({ type: 'UnitClosed', data: { reason: 'non-compliant', task: `round:${q1.id}` } })]);
  });

  it('refuses a round the campaign does not have, and a round sent twice', () => {
    const s = enrol(unitOf('neighbourhood'));
    expect(() => decide(s, report(m.launchAt, { round: 'quy-5' }))).toThrow(/không có kỳ báo cáo "quy-5"/);
    const sent = apply(s, decide(s, report(m.launchAt, { values: { 'tra-loi-phan-anh': 2 } })));
    expect(sent.tasks[roundTask(q1.id)]?.status).toBe('submitted');
    expect(() => decide(sent, report(m.launchAt, {}))).toThrow(/Đã gửi báo cáo kết quả quý I/);
    // The other rounds are still expected.
    expect(sent.tasks[roundTask(half.id)]?.status).toBe('open');
    expect(sent.tasks[roundTask(nine.id)]?.status).toBe('open');
  });
});

describe('moving report rounds', () => {
  it('re-plans a moved round: a missed round moved into the future is on time again, and reminders already sent are not repeated', () => {
    let s = registered(enrol(unitOf('neighbourhood')));
    s = apply(s, tick(s, plus(q1.due, -7)));
    s = apply(s, tick(s, q1.due)); // missed, level 1
    expect(s.tasks[roundTask(q1.id)]).toMatchObject({ missed: true, escalationLevel: 1 });
    const later = plus(q1.due, 14);
    const reports = WARD_2026.reports!.map((r) => (r.id === q1.id ? { ...r, due: later, cutoffAt: plus(later, 14) } : r));
    const moved = decide(s, { type: 'MoveMilestones', at: plus(q1.due, 1), data: { milestones: m, reports } });
    expect(moved).toEqual([expect.objectContaining({ type: 'MilestoneMoved', data: expect.objectContaining({ reports }) })]);
    s = apply(s, moved);
    expect(s.tasks[roundTask(q1.id)]).toMatchObject({ dueAt: later, missed: false, escalationLevel: 0 });
    expect(s.reports?.find((r) => r.id === q1.id)?.due).toBe(later);
    // The P7D reminder of the new date was already sent for the old one: it is not sent twice.
    expect(tick(s, plus(later, -7)).filter((e) => e.type === 'ReminderSent')).toEqual([]);
    expect(tick(s, plus(later, -3))).toEqual([
      expect.objectContaining({ type: 'ReminderSent', data: expect.objectContaining({ key: `round:${q1.id}:before:P3D` }) }),
    ]);
    // The same rounds and milestones again change nothing.
    expect(decide(s, { type: 'MoveMilestones', at: plus(q1.due, 2), data: { milestones: m, reports } })).toEqual([]);
  });
});

describe('criteria in reports', () => {
  it("checks each value against the campaign's own rule, only for the criteria that apply to the unit", () => {
    const s = enrol(unitOf('service-unit'));
    const [e] = decide(
      s,
      report(plus(m.launchAt, 10), { values: { 'ho-so-truc-tuyen': 92.5, 'thoi-gian-cho': 45, 'khieu-nai-vuot-cap': 0 } }),
    );
    expect(e.type === 'ReportSubmitted' && e.data.criteriaCheck).toEqual([
      { criterion: 'ho-so-truc-tuyen', title: expect.any(String), target: 'từ 90% trở lên', value: 92.5, met: true },
      { criterion: 'thoi-gian-cho', title: expect.any(String), target: 'không quá 30 phút', value: 45, met: false },
      { criterion: 'tra-loi-phan-anh', title: expect.any(String), target: 'không quá 3 ngày làm việc', value: null, met: null },
      { criterion: 'khieu-nai-vuot-cap', title: expect.any(String), target: 'không để xảy ra', value: 0, met: true },
    ]);
    const after = apply(s, [e]);
    expect(after.submissions[roundTask(q1.id)]).toMatchObject({ values: { 'thoi-gian-cho': 45 }, criteriaCheck: expect.any(Array) });
  });

  it('refuses, naming each field, a value of the wrong kind, a criterion the unit does not report, an unknown one, and the 2019 figures', () => {
    const s = enrol(unitOf('neighbourhood'));
    const bad = report(m.launchAt, {
      values: { 'to-cong-nghe-so': 2, 'ho-so-truc-tuyen': 95, 'tra-loi-phan-anh': 1.5, 'khieu-nai-vuot-cap': 0.5, 'khong-co': 1 },
    });
    expect(() => decide(s, bad)).toThrow(
      new RegExp(
        [
          'values\\.to-cong-nghe-so \\(.+\\) phải là 1 \\(có\\) hoặc 0 \\(không\\)',
          'values\\.ho-so-truc-tuyen: chỉ tiêu này không áp dụng cho đơn vị',
          'values\\.khieu-nai-vuot-cap \\(.+\\) phải là số nguyên',
          'values\\.khong-co: không có chỉ tiêu này trong đợt thi đua',
        ].join('; '),
      ),
    );
    expect(() => decide(s, report(m.launchAt, { metrics: { satisfactionPct: 90 } }))).toThrow(
      /^metrics: đợt thi đua này có chỉ tiêu riêng/,
    );
  });

  it('asks the final report for every criterion that applies to the unit', () => {
    let s = enrol(unitOf('neighbourhood'));
    s = apply(
      s,
      tick(s, m.campaignEndsAt).filter((e) => e.type === 'CampaignEnded' || e.type === 'InterimReviewStarted'),
    );
    expect(s.tasks['final-report']?.status).toBe('open');
    const final = (values: Record<string, number>): UnitCommand => ({
      type: 'SubmitReport',
      at: plus(m.campaignEndsAt, 1),
      data: { stage: 'final', summary: 'Tổng kết', values },
    });
    expect(() => decide(s, final({ 'tra-loi-phan-anh': 2 }))).toThrow(
      /values\.khieu-nai-vuot-cap \(.+\): báo cáo cuối đợt cần số liệu của chỉ tiêu này; values\.to-cong-nghe-so \(.+\): báo cáo cuối đợt cần số liệu của chỉ tiêu này/,
    );
    const [e] = decide(s, final({ 'tra-loi-phan-anh': 4, 'khieu-nai-vuot-cap': 0, 'to-cong-nghe-so': 1 }));
    expect(e.type === 'ReportSubmitted' && e.data.criteriaCheck?.map((c) => c.met)).toEqual([false, true, true]);
  });

  it('keeps the 2019 check for a plan without criteria, and refuses values there', () => {
    const old = BINH_TAN_2019.milestones;
    const s = enrol(BINH_TAN_2019.units[0], { ...BINH_TAN_2019, milestones: { ...old, interimReportDue: '2019-05-10T00:00:00+07:00' } });
    expect(Object.keys(s.tasks)).toEqual(['registration', 'interim-report', 'final-report']);
    expect(s.criteria).toBeUndefined();
    const interim = (data: object): UnitCommand => ({
      type: 'SubmitReport',
      at: old.launchAt,
      data: { stage: 'interim', summary: 'Sơ kết', ...data },
    });
    expect(() => decide(s, interim({ values: { a: 1 } }))).toThrow(/^values: đợt thi đua này không có chỉ tiêu riêng/);
    const [e] = decide(s, interim({ metrics: { satisfactionPct: 85 } }));
    expect(e.data).toEqual({ stage: 'interim', summary: 'Sơ kết', metrics: { satisfactionPct: 85 }, targetCheck: undefined, late: false });
  });
});
