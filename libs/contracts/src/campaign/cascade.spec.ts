/** A sub-campaign's report sent up: each criterion rolled up by its kind or its own rule, computed as by hand. */
import fc from 'fast-check';
import { consolidate, rollUpProblems, rollupSentences, type ReportOfUnit } from './cascade';
import type { Criterion } from './criteria';

const c = (id: string, kind: Criterion['kind'], op: Criterion['rule']['op'], value: number, extra: Partial<Criterion> = {}): Criterion => ({
  id,
  title: id,
  kind,
  rule: { op, value },
  points: 10,
  ...extra,
});
const unit = (id: string, values?: Record<string, number>): ReportOfUnit => ({
  unit: { id, name: `Khu phố ${id}`, kind: 'neighbourhood' },
  ...(values ? { values } : {}),
});

describe('consolidating the reports of the units below', () => {
  const criteria = [
    c('vu-viec', 'count', '<=', 0),
    c('ho-so', 'percent', '>=', 80),
    c('ho-so-tt', 'percent', '>=', 80, { rollUp: { method: 'weighted', by: 'so-ho' } }),
    c('so-ho', 'number', '>=', 0),
    c('tra-loi', 'working-days', '<=', 5),
    c('tra-loi-xau', 'working-days', '<=', 5, { rollUp: { method: 'worst' } }),
    c('to-cntt', 'yes-no', '==', 1),
    c('to-cntt-tl', 'yes-no', '==', 1, { rollUp: { method: 'share', atLeast: 60 } }),
  ];
  const reports = [
    unit('1', { 'vu-viec': 1, 'ho-so': 90, 'ho-so-tt': 90, 'so-ho': 300, 'tra-loi': 2, 'tra-loi-xau': 2, 'to-cntt': 1, 'to-cntt-tl': 1 }),
    unit('2', { 'vu-viec': 0, 'ho-so': 70, 'ho-so-tt': 70, 'so-ho': 100, 'tra-loi': 4, 'tra-loi-xau': 4, 'to-cntt': 1, 'to-cntt-tl': 1 }),
    unit('3', { 'vu-viec': 2, 'ho-so': 80, 'ho-so-tt': 80, 'so-ho': 100, 'tra-loi': 3, 'tra-loi-xau': 3, 'to-cntt': 0, 'to-cntt-tl': 0 }),
    unit('4'),
  ];

  it('sums counts, averages or weighs percentages, takes the mean or the worst duration, and answers yes for all or a share', () => {
    const lines = Object.fromEntries(consolidate(criteria, reports, 'khu phố').map((l) => [l.criterion, l]));
    expect(lines['vu-viec']).toMatchObject({ value: 3, reported: 3, expected: 4, explanation: 'Cộng tổng của 3/4 khu phố' });
    expect(lines['ho-so']).toMatchObject({ value: 80, mean: 80, worst: 70 });
    // (90·300 + 70·100 + 80·100) / 500 = 84
    expect(lines['ho-so-tt'].value).toBe(84);
    expect(lines['ho-so-tt'].explanation).toBe('Trung bình theo trọng số "so-ho" của 3/4 khu phố');
    expect(lines['tra-loi']).toMatchObject({ value: 3, mean: 3, worst: 4 });
    expect(lines['tra-loi-xau']).toMatchObject({ value: 4 });
    // 2 of 3 said yes: not all (0); 66,67% ≥ 60% (1).
    expect(lines['to-cntt']).toMatchObject({ value: 0, share: 66.67 });
    expect(lines['to-cntt-tl']).toMatchObject({ value: 1, share: 66.67 });
    expect(lines['vu-viec'].sources.map((s) => s.value)).toEqual([1, 0, 2, null]);
  });

  it('states nothing for a criterion no unit has reported, and leaves out one that applies to none of them', () => {
    const lines = consolidate([c('a', 'count', '>=', 1), c('b', 'count', '>=', 1, { appliesTo: ['agency'] })], [unit('1'), unit('2')]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ criterion: 'a', value: null, reported: 0, expected: 2 });
  });

  it('keeps a mean between the least and the greatest value stated, and a sum equal to the total', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 30 }), (values) => {
        const rs = values.map((v, i) => unit(String(i), { p: v, n: v }));
        const [p, n] = consolidate([c('p', 'percent', '>=', 50), c('n', 'count', '>=', 0)], rs);
        expect(p.value!).toBeGreaterThanOrEqual(Math.min(...values) - 0.005);
        expect(p.value!).toBeLessThanOrEqual(Math.max(...values) + 0.005);
        expect(n.value).toBe(values.reduce((a, b) => a + b, 0));
      }),
    );
  });

  it('refuses a rule that does not fit the kind, naming the field', () => {
    expect(rollUpProblems({ kind: 'yes-no', rollUp: { method: 'sum' } }, [], 'criteria[0]')).toEqual([
      'criteria[0].rollUp.method phải là một trong: all, share',
    ]);
    expect(rollUpProblems({ kind: 'percent', rollUp: { method: 'weighted', by: 'khong-co' } }, ['a'], 'criteria[1]')[0]).toMatch(
      /^criteria\[1\]\.rollUp\.by/,
    );
  });

  it('says why a unit is late: which of its units have not sent the task', () => {
    const current = { task: 'round:quy-1' as const, title: 'Báo cáo quý I', dueAt: '2027-03-31T10:00:00Z', missed: true };
    const tasks = [{ task: 'round:quy-1' as const, title: 'Báo cáo quý I', units: 9, submitted: 7, missing: 2, overdue: 2, late: 0 }];
    const sub = { campaignId: 's', title: 's', status: 'running' as const, units: 9, noun: 'khu phố', tasks };
    expect(rollupSentences({ name: 'Phường An Lạc', current, sub })).toEqual({
      progress: 'Phường An Lạc: 2/9 khu phố chưa gửi báo cáo quý I',
      cause: 'Phường An Lạc: 2/9 khu phố chưa gửi báo cáo quý I',
    });
    expect(rollupSentences({ name: 'Phường Bình', current: { ...current, missed: false } })).toEqual({
      progress: 'Phường Bình chưa gửi báo cáo quý I',
    });
  });
});
