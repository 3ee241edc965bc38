/**
 * A round of an emulation cluster's meeting (hội nghị cụm) at the year-end review: each candidate's secret
 * ballot counted under the cluster's regulation; of those who pass, the cluster takes as many as its quota by
 * score from the highest; when candidates tie on score at the last seat, the chair's choice settles it; a second
 * and last round fills the seats the first left empty. The cluster then proposes its leading member(s) for its
 * form, to the council above. Pure.
 */
import {
  clusterSeats,
  COMMENDABLE_PHASES,
  formOf,
  MAX_CLUSTER_ROUNDS,
  type ClusterBallot,
  type ClusterCount,
  type ClusterRoundResult,
  type CommendationState,
  type NewCommendationEvent,
  type Nominee,
  type RankedSheet,
} from '@thidua/contracts';
import { countBallot } from '../council';
import { RuleError } from '../rule-error';

const wrongPhase = (message: string): RuleError => new RuleError('wrong-phase', message);
const invalid = (problems: string[]): RuleError => new RuleError('invalid', problems.join('; '), problems);

/** The members the cluster has elected so far, in the order they were taken. */
export function electedSoFar(state: Pick<CommendationState, 'clusterRounds'>, clusterId: string): string[] {
  return (state.clusterRounds ?? []).filter((r) => r.clusterId === clusterId).flatMap((r) => r.elected);
}

/** Whether the cluster's choice is complete. */
export function clusterDone(state: Pick<CommendationState, 'clusterRounds'>, clusterId: string): boolean {
  return (state.clusterRounds ?? []).some((r) => r.clusterId === clusterId && r.final);
}

/** The events of a round: its result, and when it completes the cluster's choice, the proposals it makes. */
export function decideClusterRound(
  state: CommendationState,
  input: ClusterBallot,
  sheets: readonly RankedSheet[],
  base: { readonly at: string; readonly actor?: string },
): NewCommendationEvent[] {
  const cluster = state.clusters?.find((c) => c.id === input.clusterId);
  if (!cluster) throw invalid([`clusterId "${input.clusterId}" không phải cụm, khối thi đua của đợt này`]);
  if (clusterDone(state, cluster.id)) throw wrongPhase(`${cluster.name} đã bình chọn xong`);
  const held = (state.clusterRounds ?? []).filter((r) => r.clusterId === cluster.id).length;
  if (held >= MAX_CLUSTER_ROUNDS) throw wrongPhase(`${cluster.name} đã bỏ phiếu đủ ${MAX_CLUSTER_ROUNDS} vòng`);
  if (input.round !== held + 1) throw invalid([`round phải là ${held + 1} (vòng tiếp theo của ${cluster.name})`]);
  const form = formOf(state, cluster.formId);
  if (!form) throw invalid([`Hình thức "${cluster.formId}" của ${cluster.name} không có trong danh mục khen thưởng`]);

  const before = electedSoFar(state, cluster.id);
  const name = (id: string): string => state.units.find((u) => u.unitId === id)?.name ?? id;
  const candidates = cluster.members.filter(
    (m) => !before.includes(m) && COMMENDABLE_PHASES.includes(state.units.find((u) => u.unitId === m)?.phase ?? 'cancelled'),
  );
  const problems: string[] = [];
  const seats = clusterSeats(cluster);
  if (!Number.isInteger(input.present) || input.present < 0 || input.present > seats)
    problems.push(`present phải là số nguyên từ 0 đến ${seats} (số đại biểu của ${cluster.name})`);
  type Vote = ClusterBallot['votes'][number];
  const votes: readonly Vote[] = Array.isArray(input.votes) ? input.votes : [];
  const seen = new Set<string>();
  votes.forEach((v, i) => {
    const unitId = String((v as Vote | undefined)?.unitId);
    if (!candidates.includes(unitId)) problems.push(`votes[${i}].unitId "${unitId}" không phải ứng viên của vòng này`);
    else if (seen.has(unitId)) problems.push(`votes[${i}].unitId "${unitId}" bị ghi hai lần`);
    seen.add(unitId);
    const inFavour = (v as Vote | undefined)?.inFavour;
    if (inFavour === undefined || !Number.isInteger(inFavour) || inFavour < 0 || inFavour > input.present)
      problems.push(`votes[${i}].inFavour phải là số nguyên từ 0 đến số có mặt (${input.present})`);
  });
  const unvoted = candidates.filter((c) => !seen.has(c));
  if (unvoted.length) problems.push(`votes: thiếu phiếu của ${unvoted.map(name).join(', ')}`);
  if (problems.length) throw invalid(problems);

  const score = (id: string): number => sheets.find((s) => s.unitId === id)?.total ?? 0;
  const counts: ClusterCount[] = votes.map((v) => {
    const r = countBallot({ members: seats, present: input.present, inFavour: v.inFavour }, cluster.vote);
    return { unitId: v.unitId, inFavour: v.inFavour, percent: r.percent, passed: r.passed, score: score(v.unitId) };
  });
  const probe = countBallot({ members: seats, present: input.present, inFavour: 0 }, cluster.vote);
  if (!probe.quorate)
    throw wrongPhase(
      `Hội nghị ${cluster.name} không đủ số đại biểu có mặt (${input.present}/${seats}; cần từ ${cluster.vote.quorum.num}/${cluster.vote.quorum.den})`,
    );

  // Of those who pass, the highest scores first; a tie at the last seat goes to the chair.
  const open = cluster.quota - before.length;
  const passed = counts.filter((c) => c.passed).sort((a, b) => b.score - a.score);
  let elected = passed.slice(0, open).map((c) => c.unitId);
  let tiedByChair: string[] | undefined;
  if (passed.length > open) {
    const cut = passed[open - 1].score;
    const tied = passed.filter((c) => c.score === cut).map((c) => c.unitId);
    if (tied.length > 1 && passed[open].score === cut) {
      const sure = passed.filter((c) => c.score > cut).map((c) => c.unitId);
      const need = open - sure.length;
      const choice = input.chairChoice ?? [];
      if (choice.length !== need || choice.some((c) => !tied.includes(c)) || new Set(choice).size !== choice.length)
        throw invalid([
          `chairChoice: ${tied.map(name).join(', ')} bằng điểm (${cut} điểm) ở vị trí cuối; Chủ tịch hội nghị chọn ${need} đơn vị trong số đó`,
        ]);
      elected = [...sure, ...choice];
      tiedByChair = [...choice];
    }
  } else if (input.chairChoice?.length) throw invalid(['chairChoice chỉ dùng khi các ứng viên bằng điểm ở vị trí cuối']);

  const all = [...before, ...elected];
  const final = all.length >= cluster.quota || input.round >= MAX_CLUSTER_ROUNDS;
  const result: ClusterRoundResult = {
    clusterId: cluster.id,
    round: input.round,
    seats,
    present: input.present,
    quorate: true,
    needed: probe.needed,
    counts,
    elected,
    ...(tiedByChair ? { tiedByChair } : {}),
    final,
  };
  const events: NewCommendationEvent[] = [{ type: 'ClusterVoteRecorded', ...base, data: { result } }];
  if (!final) return events;
  for (const unitId of all) {
    const id = `tt:${unitId}:${cluster.formId}`;
    if (state.nominees.some((n) => n.id === id && n.status !== 'removed')) continue;
    const nominee: Nominee = { id, unitId, unitName: name(unitId), formId: cluster.formId, status: 'proposed', clusterId: cluster.id };
    events.push({ type: 'NominationProposed', ...base, data: { nominee } });
  }
  return events;
}
