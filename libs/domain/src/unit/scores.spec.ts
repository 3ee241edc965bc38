/**
 * Score sheets from what units recorded: points for each criterion met (the final report's value, else the
 * latest report's), deductions by the campaign's policy, and the ranking with shared ranks.
 */
import { WARD_2026, type UnitState } from '@thidua/contracts';
import { rankSheets, scoreSheet } from '../scores';
import type { UnitCommand } from './commands';
import { tick } from './chase';
import { decide } from './decide';
import { evolve } from './evolve';

const m = WARD_2026.milestones;
const DAY = 86_400_000;
const plus = (iso: string, days: number): string => new Date(Date.parse(iso) + days * DAY).toISOString();

/** A command, or 'end': the campaign ends (only its CampaignEnded, the other rounds' chases aside). */
type Step = (() => UnitCommand) | 'end';

function run(unitId: string, commands: Step[]): UnitState {
  const unit = WARD_2026.units.find((u) => u.id === unitId)!;
  const campaign = {
    campaignId: 'w',
    title: WARD_2026.title,
    issuer: WARD_2026.issuer,
    coordinator: WARD_2026.coordinator,
    timezone: WARD_2026.timezone,
  };
  const { milestones, chase, criteria, reports } = WARD_2026;
  let s = decide(undefined, { type: 'Enrol', at: m.launchAt, data: { campaign, unit, milestones, chase, criteria, reports } }).reduce<
    UnitState | undefined
  >((a, e) => evolve(a, { ...e, seq: (a?.seq ?? 0) + 1 }), undefined)!;
  for (const c of commands) {
    const events = c === 'end' ? tick(s, m.campaignEndsAt).filter((e) => e.type === 'CampaignEnded') : decide(s, c());
    s = events.reduce((a, e) => evolve(a, { ...e, seq: a.seq + 1 }), s);
  }
  return s;
}

const register = (when: string) => (): UnitCommand => ({
  type: 'SubmitRegistration',
  at: when,
  data: { commitments: 'Cam kết', initiatives: [{ title: 'Số hóa', description: 'Hồ sơ số' }] },
});
const round = (when: string, values: Record<string, number>) => (): UnitCommand => ({
  type: 'SubmitReport',
  at: when,
  data: { stage: 'round', round: 'quy-1', summary: 'Quý I', values },
});
const final = (when: string, values: Record<string, number>) => (): UnitCommand => ({
  type: 'SubmitReport',
  at: when,
  data: { stage: 'final', summary: 'Tổng kết', values },
});

describe('score sheets', () => {
  const policy = { lateRegistration: 5, lateReport: 3, nonCompliant: 50 };

  it('gives each criterion met its points, from the final report, less the deductions of the policy', () => {
    const s = run('khu-pho-1', [
      register(plus(m.registrationDue, 1)), // late: −5
      round(plus(m.launchAt, 10), { 'tra-loi-phan-anh': 5, 'khieu-nai-vuot-cap': 0, 'to-cong-nghe-so': 1 }),
      'end',
      final(plus(m.finalReportDue, 2), { 'tra-loi-phan-anh': 2, 'khieu-nai-vuot-cap': 1, 'to-cong-nghe-so': 1 }), // late: −3
    ]);
    const sheet = scoreSheet(s, policy);
    expect(sheet.lines.map((l) => [l.criterion, l.value, l.met, l.points, l.max])).toEqual([
      ['tra-loi-phan-anh', 2, true, 20, 20],
      ['khieu-nai-vuot-cap', 1, false, 0, 15],
      ['to-cong-nghe-so', 1, true, 15, 15],
    ]);
    expect(sheet.deductions).toEqual([
      { reason: 'Đăng ký thi đua quá hạn', points: 5 },
      { reason: 'Gửi báo cáo quá hạn (báo cáo cuối đợt)', points: 3 },
    ]);
    expect(sheet).toMatchObject({ total: 27, max: 50, final: true });
  });

  it('scores live from the latest report before the final one', () => {
    const s = run('khu-pho-2', [register(m.launchAt), round(plus(m.launchAt, 10), { 'tra-loi-phan-anh': 3, 'khieu-nai-vuot-cap': 0 })]);
    const sheet = scoreSheet(s, policy);
    expect(sheet.lines.map((l) => l.points)).toEqual([20, 15, 0]);
    expect(sheet).toMatchObject({ total: 35, final: false });
  });

  it('ranks by total, equal totals sharing a rank, listed by name', () => {
    const sheet = (name: string, total: number) => ({ ...scoreSheet(run('khu-pho-3', []), {}), unitId: name, name, total });
    expect(
      rankSheets([sheet('Khu phố 3', 40), sheet('Khu phố 10', 55), sheet('Khu phố 2', 40), sheet('Ấp Đông', 12)]).map((r) => [
        r.name,
        r.rank,
      ]),
    ).toEqual([
      ['Khu phố 10', 1],
      ['Khu phố 2', 2],
      ['Khu phố 3', 2],
      ['Ấp Đông', 4],
    ]);
  });

  it('deducts for a unit closed as non-compliant', () => {
    let s = run('khu-pho-4', []);
    s = tick(s, m.registrationCutoffAt!).reduce((a, e) => evolve(a, { ...e, seq: a.seq + 1 }), s);
    expect(s.phase).toBe('non-compliant');
    expect(scoreSheet(s, policy)).toMatchObject({ deductions: [{ reason: 'Không hoàn thành (quá hạn chót)', points: 50 }], total: 0 });
  });
});
