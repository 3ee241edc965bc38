/**
 * The emulation and commendation council's secret ballot (Hội đồng Thi đua – Khen thưởng): whether a nominee
 * passes is computed from the counts and the commendation form's rule, never typed. A rule states the share
 * of votes in favour it needs (e.g. 70/100 or 2/3), counted against all members or against those present,
 * and the quorum of members present. The figures belong to each form in the catalogue (issue 14); this
 * module only states them; `@thidua/domain` (council.ts) counts.
 */

/** What a form requires of the council's vote. */
export interface VoteRule {
  /** The share in favour needed, as a fraction (70/100, 2/3, 90/100); reaching it exactly passes. */
  readonly share: { readonly num: number; readonly den: number };
  /** Counted against every member of the council, or against those present. */
  readonly of: 'members' | 'present';
  /** The share of members who must be present for the vote to count. */
  readonly quorum: { readonly num: number; readonly den: number };
  /**
   * Absent members' opinions in writing count with the votes in the room (khoản 7 Điều 30 Nghị định 98/2023/NĐ-CP
   * for Chiến sĩ thi đua and Cờ thi đua: the share is of all members, absent ones answering in writing).
   */
  readonly written?: boolean;
  /** At most this many ballot rounds (councils' regulations commonly allow two); absent: one. */
  readonly rounds?: number;
}

/** The counts of one nominee's ballot. */
export interface Ballot {
  readonly members: number;
  readonly present: number;
  readonly inFavour: number;
  /** Absent members' written opinions (ý kiến bằng văn bản): how many were received, how many in favour. */
  readonly written?: { readonly received: number; readonly inFavour: number };
}

/** The outcome, with the numbers it was decided by (for the minutes). */
export interface BallotResult {
  readonly quorate: boolean;
  readonly passed: boolean;
  /** Votes in favour needed (the smallest whole number reaching the share). */
  readonly needed: number;
  /** In favour as a percentage of the base it is counted against, one decimal. */
  readonly percent: number;
  /** Votes in favour counted: those in the room, plus the written opinions in favour when the rule counts them. */
  readonly counted?: number;
}

/** A rule in words, as the minutes state it: "đồng ý từ 80% tổng số thành viên Hội đồng trở lên (…)". */
export function describeVoteRule(rule: VoteRule): string {
  const { share, of, quorum } = rule;
  const pct = (f: { num: number; den: number }) => (f.den === 100 ? `${f.num}%` : `${f.num}/${f.den}`);
  return [
    `đồng ý từ ${pct(share)} ${of === 'members' ? 'tổng số thành viên Hội đồng' : 'số thành viên có mặt'} trở lên`,
    ...(rule.written ? ['thành viên vắng mặt cho ý kiến bằng văn bản, được tính vào kết quả'] : []),
    `có mặt từ ${pct(quorum)} số thành viên`,
    `bỏ phiếu kín${rule.rounds && rule.rounds > 1 ? `, tối đa ${rule.rounds} vòng` : ''}`,
  ].join('; ');
}
