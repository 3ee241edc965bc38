/**
 * The council's secret ballot counted (Hội đồng Thi đua – Khen thưởng): whether a nominee passes is computed
 * from the counts and the commendation form's rule, never typed. Pure.
 */
import type { Ballot, BallotResult, VoteRule } from '@thidua/contracts';

/** Problems of a ballot's counts, each naming its field (empty when they can be counted). */
export function ballotProblems(b: Ballot): string[] {
  const problems: string[] = [];
  const whole = (v: number): boolean => Number.isInteger(v) && v >= 0;
  if (!whole(b.members) || b.members < 1) problems.push('members phải là số nguyên dương (số thành viên Hội đồng)');
  if (!whole(b.present)) problems.push('present phải là số nguyên không âm');
  else if (whole(b.members) && b.present > b.members)
    problems.push(`present (${b.present}) không được lớn hơn số thành viên (${b.members})`);
  if (!whole(b.inFavour)) problems.push('inFavour phải là số nguyên không âm');
  else if (whole(b.present) && b.inFavour > b.present)
    problems.push(`inFavour (${b.inFavour}) không được lớn hơn số thành viên có mặt (${b.present})`);
  if (b.written !== undefined) {
    const absent = whole(b.members) && whole(b.present) ? b.members - b.present : Infinity;
    if (!whole(b.written.received)) problems.push('written.received phải là số nguyên không âm (số ý kiến bằng văn bản nhận được)');
    else if (b.written.received > absent)
      problems.push(`written.received (${b.written.received}) không được lớn hơn số thành viên vắng mặt (${absent})`);
    if (!whole(b.written.inFavour)) problems.push('written.inFavour phải là số nguyên không âm');
    else if (whole(b.written.received) && b.written.inFavour > b.written.received)
      problems.push(`written.inFavour (${b.written.inFavour}) không được lớn hơn số ý kiến bằng văn bản (${b.written.received})`);
  }
  return problems;
}

/** Counts a ballot under a rule; throws RangeError listing the problems of impossible counts. */
export function countBallot(b: Ballot, rule: VoteRule): BallotResult {
  const problems = ballotProblems(b);
  if (problems.length) throw new RangeError(problems.join('; '));
  // Written opinions of absent members count only where the rule says so, and only against all members.
  const counting = rule.written === true && b.written !== undefined;
  const inFavour = b.inFavour + (counting ? b.written.inFavour : 0);
  const base = rule.of === 'members' ? b.members : b.present;
  // Integer arithmetic: inFavour/base ≥ num/den ⇔ inFavour·den ≥ num·base (no rounding of 2/3 or 70%).
  const needed = Math.max(0, Math.ceil((rule.share.num * base) / rule.share.den - 1e-9)); // never -0 (a council of none present)
  const quorate = b.present * rule.quorum.den >= rule.quorum.num * b.members;
  const passed = quorate && base > 0 && inFavour * rule.share.den >= rule.share.num * base;
  const percent = base > 0 ? Math.round((inFavour / base) * 1000) / 10 : 0;
  return { quorate, passed, needed, percent, ...(counting ? { counted: inFavour } : {}) };
}

/** Problems of a vote rule, each naming its field under `prefix` (empty when it can be counted with). */
export function voteRuleProblems(rule: unknown, prefix = 'vote'): string[] {
  const r = (rule ?? {}) as Partial<Record<keyof VoteRule, unknown>>;
  const problems: string[] = [];
  const fraction = (v: unknown, field: string, allowZero: boolean): void => {
    const f = (v ?? {}) as { num?: unknown; den?: unknown };
    const ok =
      Number.isInteger(f.num) &&
      Number.isInteger(f.den) &&
      (f.den as number) > 0 &&
      (f.num as number) >= (allowZero ? 0 : 1) &&
      (f.num as number) <= (f.den as number);
    if (!ok)
      problems.push(
        `${prefix}.${field} phải là phân số {num, den} nguyên, 0 < num ≤ den (ví dụ {num: 2, den: 3} hoặc {num: 70, den: 100})`,
      );
  };
  fraction(r.share, 'share', false);
  if (r.of !== 'members' && r.of !== 'present')
    problems.push(`${prefix}.of phải là "members" (tính trên tổng số thành viên) hoặc "present" (trên số có mặt)`);
  fraction(r.quorum, 'quorum', true);
  if (r.written !== undefined && typeof r.written !== 'boolean') problems.push(`${prefix}.written phải là true hoặc false`);
  else if (r.written === true && r.of === 'present')
    problems.push(
      `${prefix}.written: ý kiến bằng văn bản của thành viên vắng mặt chỉ tính khi tỷ lệ tính trên tổng số thành viên (of: "members")`,
    );
  if (r.rounds !== undefined && !(Number.isInteger(r.rounds) && (r.rounds as number) >= 1 && (r.rounds as number) <= 3))
    problems.push(`${prefix}.rounds phải là số nguyên từ 1 đến 3 (số vòng bỏ phiếu tối đa)`);
  return problems;
}
