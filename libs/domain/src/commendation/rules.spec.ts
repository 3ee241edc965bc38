/** The commendation rules readers share with the decider: judged scores on a sheet, who may be commended, old forms read. */
import { BUILT_IN_FORMS, type ScoreSheet } from '@thidua/contracts';
import { notCommendable, upcastForm, withJudged } from './rules';

const sheet: ScoreSheet = {
  unitId: 'a',
  name: 'Khu phố 4',
  kind: 'ward',
  phase: 'completed',
  lines: [{ criterion: 'ho-so', title: 'Hồ sơ đúng hạn', target: 'từ 98% trở lên', value: 99, met: true, points: 20, max: 20 }],
  deductions: [{ reason: 'Đăng ký thi đua quá hạn', points: 5 }],
  total: 15,
  max: 20,
  final: true,
};
const judged = [
  { id: 'danh-gia-chung', title: 'Đánh giá chung', points: 10 },
  { id: 'phong-trao', title: 'Phong trào', points: 5 },
];

describe('the commendation rules', () => {
  it('leaves a sheet as it is when the campaign has no judged criteria', () => {
    expect(withJudged(sheet, [], [])).toBe(sheet);
  });

  it('adds each judged criterion: 0 until scored, then its points and note, counted in the total and the maximum', () => {
    const scored = withJudged(sheet, judged, [
      { unitId: 'a', criterion: 'danh-gia-chung', points: 8, note: 'Tích cực', at: '2027-01-20T02:00:00.000Z' },
      { unitId: 'b', criterion: 'phong-trao', points: 5, at: '2027-01-20T02:00:00.000Z' },
    ]);
    expect(scored.lines.slice(1)).toEqual([
      {
        criterion: 'danh-gia-chung',
        title: 'Đánh giá chung',
        target: 'Hội đồng/Thường trực chấm',
        value: 8,
        met: true,
        points: 8,
        max: 10,
        judged: true,
        note: 'Tích cực',
      },
      {
        criterion: 'phong-trao',
        title: 'Phong trào',
        target: 'Hội đồng/Thường trực chấm',
        value: null,
        met: null,
        points: 0,
        max: 5,
        judged: true,
      },
    ]);
    expect(scored.total).toBe(20 + 8 - 5);
    expect(scored.max).toBe(35);
  });

  it('scores 0 points as not met, and never totals below 0', () => {
    const poor = withJudged({ ...sheet, lines: [], deductions: [{ reason: 'Không hoàn thành', points: 30 }], total: 0, max: 0 }, judged, [
      { unitId: 'a', criterion: 'danh-gia-chung', points: 0, at: '2027-01-20T02:00:00.000Z' },
    ]);
    expect(poor.lines[0]).toMatchObject({ value: 0, met: false, points: 0 });
    expect(poor.total).toBe(0);
  });

  it('commends a unit whose final report is in, and says why another cannot be', () => {
    expect(notCommendable('final-report-submitted')).toBeUndefined();
    expect(notCommendable('completed')).toBeUndefined();
    expect(notCommendable('withdrawn')).toBe('đơn vị đã rút khỏi đợt thi đua');
    expect(notCommendable('non-compliant')).toMatch(/quá hạn chót/);
    expect(notCommendable('cancelled')).toMatch(/bị hủy/);
    expect(notCommendable('in-progress')).toBe('đơn vị chưa gửi báo cáo cuối đợt');
  });

  it('reads a form stored before its rules were data: the Chiến sĩ thi đua titles ask for an initiative, others do not', () => {
    const legacy = BUILT_IN_FORMS.map(({ requiresInitiative: _dropped, ...f }) => upcastForm(f));
    expect(legacy.filter((f) => f.requiresInitiative).map((f) => f.id)).toEqual(['chien-si-thi-dua-co-so', 'chien-si-thi-dua-tinh']);
    expect(upcastForm({ ...BUILT_IN_FORMS[0], requiresInitiative: true }).requiresInitiative).toBe(true);
    expect(upcastForm({ ...BUILT_IN_FORMS[4], requiresInitiative: false }).requiresInitiative).toBe(false);
  });
});
