/** isIsoInstant against the calendar (property-based, fast-check), and the plan parts of a definition. */
import fc from 'fast-check';
import { BINH_TAN_2019, BINH_TAN_2019_CRITERIA, instantiateTemplate } from './binh-tan-2019';
import { WARD_2026 } from './ward-2026';
import { definitionProblems, isIsoInstant, movedReportProblems } from './validate';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const daysIn = (y: number, mo: number): number => new Date(Date.UTC(y, mo, 0)).getUTCDate();

describe('isIsoInstant', () => {
  it('accepts every real instant with an offset, and it means what it says', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1970-01-02T00:00:00Z'), max: new Date('9999-12-30T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: -12, max: 14 }),
        (d, offsetHours) => {
          const local = new Date(d.getTime() + offsetHours * 3_600_000);
          const off = `${offsetHours < 0 ? '-' : '+'}${pad(Math.abs(offsetHours))}:00`;
          const iso = `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${off}`;
          if (local.getUTCFullYear() > 9999) return true;
          return isIsoInstant(iso) && Date.parse(iso) === Math.floor(d.getTime() / 1000) * 1000;
        },
      ),
      { seed: 20261129, numRuns: 500 },
    );
  });

  it('refuses days a month does not have, instead of shifting them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1970, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 29, max: 31 }), (y, mo, day) => {
        const iso = `${y}-${pad(mo)}-${pad(day)}T08:00:00+07:00`;
        return isIsoInstant(iso) === day <= daysIn(y, mo);
      }),
      { seed: 20261129, numRuns: 500 },
    );
  });

  it('refuses what JavaScript parses and a person did not mean', () => {
    for (const bad of [
      '1',
      '2026',
      '2026-02-30T00:00:00Z',
      '+099999-01-01T00:00:00Z',
      '2026-01-01T24:00:00Z',
      '2026-01-01T10:60:00Z',
      '2026-01-01T10:00:00',
      '1969-12-31T23:59:59Z',
      '2026-01-01T10:00:00+15:00',
      ' 2026-01-01T10:00:00Z',
    ]) {
      expect([bad, isIsoInstant(bad)]).toEqual([bad, false]);
    }
    expect(isIsoInstant('2028-02-29T00:00:00+07:00')).toBe(true);
    expect(isIsoInstant('2026-03-15T08:00Z')).toBe(true);
  });
});

describe('criteria, report rounds and meetings in a definition', () => {
  const base = { ...BINH_TAN_2019, criteria: BINH_TAN_2019_CRITERIA };
  const m = BINH_TAN_2019.milestones;

  it('accepts the 2019 criteria, rounds between launch and the final report, and meetings after launch', () => {
    expect(
      definitionProblems({
        ...base,
        reports: [{ id: 'quy-1', title: 'Báo cáo quý I', due: '2019-04-05T00:00:00+07:00' }],
        meetings: [{ id: 'so-ket', title: 'Sơ kết', at: m.interimReviewAt }],
      }),
    ).toEqual([]);
  });

  it('refuses an unknown kind and an operator its value does not fit, naming the field', () => {
    const criteria = [
      { id: 'a', title: 'A', kind: 'speed', rule: { op: '>', value: 1 }, points: 1 },
      { id: 'b', title: 'B', kind: 'percent', rule: { op: '>', value: 120 }, points: 1 },
      { id: 'c', title: 'C', kind: 'percent', rule: { op: 'between', value: 40, max: 30 }, points: 1 },
      { id: 'd', title: 'D', kind: 'yes-no', rule: { op: '>=', value: 1 }, points: 1 },
      { id: 'e', title: 'E', kind: 'count', rule: { op: '<=', value: 1, max: 3 }, points: -1 },
      { id: 'e', title: '', kind: 'hours', rule: { op: '≈', value: 2 }, points: 1, appliesTo: ['district'] },
    ];
    const problems = definitionProblems({ ...base, criteria });
    expect(problems).toEqual([
      expect.stringMatching(/^criteria\[0\]\.kind "speed" không phải loại chỉ tiêu/),
      'criteria[1].rule.value là tỷ lệ phần trăm, không vượt quá 100',
      'criteria[2].rule.max phải là số lớn hơn criteria[2].rule.value khi op là "between"',
      'criteria[3].rule.op phải là "==" với chỉ tiêu Có/Không',
      'criteria[4].rule.max chỉ dùng khi op là "between"',
      'criteria[4].points phải là số điểm từ 0 đến 1000',
      'criteria[5].id "e" bị trùng',
      expect.stringMatching(/^criteria\[5\]\.title phải có/),
      expect.stringMatching(/^criteria\[5\]\.rule\.op "≈" không hợp lệ/),
      expect.stringMatching(/^criteria\[5\]\.appliesTo phải là danh sách loại đơn vị/),
    ]);
  });

  it('refuses a round due before the launch or after the final report, and a cut-off before its due date', () => {
    const reports = [
      { id: 'r1', title: 'Sớm', due: '2019-01-01T00:00:00+07:00' },
      { id: 'r2', title: 'Muộn', due: '2020-01-01T00:00:00+07:00' },
      { id: 'r3', title: 'Hạn chót', due: '2019-06-01T00:00:00+07:00', cutoffAt: '2019-05-01T00:00:00+07:00' },
      { id: 'r4', title: 'Sai', due: '15/6/2019' },
    ];
    expect(definitionProblems({ ...base, reports })).toEqual([
      'reports[0].due không được trước milestones.launchAt',
      'reports[1].due không được sau milestones.finalReportDue',
      'reports[2].cutoffAt phải là thời điểm ISO-8601 không trước reports[2].due',
      'reports[3].due phải là thời điểm ISO-8601 có múi giờ',
    ]);
  });

  it('accepts the current-law ward template, and a campaign made from it keeps its rounds and meetings where the plan put them', () => {
    expect(definitionProblems(WARD_2026)).toEqual([]);
    const launchAt = '2027-02-01T01:00:00.000Z';
    const shifted = instantiateTemplate(WARD_2026, { launchAt, dayLength: 'PT1M' });
    const offset = (iso: string, from: string): number => Date.parse(iso) - Date.parse(from);
    for (const [i, r] of WARD_2026.reports!.entries()) {
      // One plan day is one minute: each round keeps its place, 1/1440 of the distance.
      expect(offset(shifted.reports![i].due, launchAt)).toBe(Math.round(offset(r.due, WARD_2026.milestones.launchAt) / 1440));
      expect(shifted.reports![i].title).toBe(r.title);
    }
    expect(offset(shifted.meetings![1].at, launchAt)).toBe(
      Math.round(offset(WARD_2026.meetings![1].at, WARD_2026.milestones.launchAt) / 1440),
    );
    expect(definitionProblems(shifted)).toEqual([]);
  });

  it('moves a real-time plan by whole days: a launch at 13:24:26 leaves every deadline at the hour the plan gave it', () => {
    const launchAt = '2027-02-01T06:24:26.000Z'; // 13:24:26 in Viet Nam
    const shifted = instantiateTemplate(WARD_2026, { launchAt });
    const hour = (iso: string): string => new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(11, 19);
    expect(shifted.milestones.launchAt).toBe(launchAt);
    for (const [name, at] of Object.entries(shifted.milestones))
      if (name !== 'launchAt' && at)
        expect([name, hour(at)]).toEqual([name, hour(WARD_2026.milestones[name as keyof typeof WARD_2026.milestones]!)]);
    for (const [i, r] of shifted.reports!.entries()) expect(hour(r.due)).toBe(hour(WARD_2026.reports![i].due));
    expect(definitionProblems(shifted)).toEqual([]);
  });

  it('lets a re-plan move rounds, not add or drop them, each problem named', () => {
    const rounds = WARD_2026.reports!;
    const moved = rounds.map((r) => ({ ...r, due: '2026-04-13T00:00:00+07:00', cutoffAt: '2026-04-27T00:00:00+07:00' }));
    expect(movedReportProblems(rounds, moved, WARD_2026.milestones)).toEqual([]);
    expect(
      movedReportProblems(
        rounds,
        [...rounds.slice(1), { id: 'quy-5', title: 'Quý V', due: '2026-05-01T00:00:00+07:00' }],
        WARD_2026.milestones,
      ),
    ).toEqual([
      'reports[2].id "quy-5" không phải kỳ báo cáo của đợt thi đua này (chỉ dời hạn, không thêm kỳ mới)',
      'reports: thiếu kỳ báo cáo "quy-1" (chỉ dời hạn, không bỏ kỳ đã có)',
    ]);
    expect(movedReportProblems(undefined, [{ ...rounds[0], due: '2030-01-01T00:00:00+07:00' }], WARD_2026.milestones)).toEqual([
      'reports[0].due không được sau milestones.finalReportDue',
      expect.stringMatching(/^reports\[0\]\.cutoffAt phải là thời điểm/),
      expect.stringMatching(/^reports\[0\]\.id "quy-1" không phải kỳ báo cáo/),
    ]);
  });
});
