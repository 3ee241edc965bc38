/**
 * Emulation clusters and blocks (cụm, khối thi đua): members of one organisation's directory grouped for a
 * year, with a head and a deputy who rotate by election at the year-end review. A campaign launched to
 * clusters carries a copy of each; at the review each cluster's meeting votes by secret ballot, candidates
 * beyond the quota are taken by score from the highest, a tie is settled by the chair, in at most two rounds,
 * and the cluster proposes its leading member(s) to the council above. Pure.
 */
import type { VoteRule } from './council';
import type { Criterion } from './criteria';
import type { Label } from './labels';
import { SLUG } from './limits';

/** Cụm (communes and wards by area) or khối (departments by sector). */
export type ClusterKind = 'cluster' | 'block';

export const CLUSTER_KIND_LABELS = {
  cluster: ['Cụm thi đua', 'Cluster'],
  block: ['Khối thi đua', 'Block'],
} as const satisfies Record<ClusterKind, Label>;

/** Who votes at the cluster's meeting: the head and deputy of each member (2 per member), or one vote per member. */
export type ClusterVoters = 'officers' | 'members';

/** A cluster as a campaign carries it (its state when the campaign was launched). */
export interface ClusterRef {
  readonly id: string;
  readonly name: string;
  readonly kind: ClusterKind;
  readonly year: number;
  /** Unit ids of the organisation's directory. */
  readonly members: readonly string[];
  readonly head: string;
  readonly deputy?: string;
  /** How many members the cluster proposes (usually one for the Cờ thi đua). */
  readonly quota: number;
  readonly voters: ClusterVoters;
  /** The share of votes a candidate needs, as the cluster's regulation states it. */
  readonly vote: VoteRule;
  /** The form the cluster proposes its leaders for. */
  readonly formId: string;
}

/** A cluster as its organisation keeps it: the copy a campaign carries, its covenant and where it came from. */
export interface ClusterRecord extends ClusterRef {
  /** The organisation whose directory its members belong to. */
  readonly orgId: string;
  /** The covenant (giao ước thi đua) the members signed for the year. */
  readonly covenant?: string;
  /** The covenant's criteria, added to a campaign launched to the cluster (only its members report them). */
  readonly criteria?: readonly Criterion[];
  /** The cluster of the year before, whose year-end review elected this one's head and deputy. */
  readonly previousId?: string;
}

/**
 * The usual regulation of a cluster's meeting: more than half of those present (quá bán, 51%: exact for meetings
 * of up to 100 delegates, which clusters are), two thirds present. A cluster whose regulation differs sets its own.
 */
export const DEFAULT_CLUSTER_VOTE: VoteRule = { share: { num: 51, den: 100 }, of: 'present', quorum: { num: 2, den: 3 } };

/** The form a cluster proposes for when it names none: the province's Cờ thi đua. */
export const DEFAULT_CLUSTER_FORM = 'co-thi-dua-tinh';

/** Most ballot rounds of one cluster meeting. */
export const MAX_CLUSTER_ROUNDS = 2;

/** Seats of the meeting: officers of each member, or the members. */
export function clusterSeats(c: Pick<ClusterRef, 'members' | 'voters'>): number {
  return c.voters === 'officers' ? c.members.length * 2 : c.members.length;
}

/** A round of the cluster meeting's secret ballot, as the secretary records it. */
export interface ClusterBallot {
  readonly clusterId: string;
  readonly round: number;
  readonly present: number;
  readonly votes: ReadonlyArray<{ readonly unitId: string; readonly inFavour: number }>;
  /** The chair's choice among candidates tied on score at the last seat. */
  readonly chairChoice?: readonly string[];
}

/** One candidate's count in a round. */
export interface ClusterCount {
  readonly unitId: string;
  readonly inFavour: number;
  readonly percent: number;
  readonly passed: boolean;
  readonly score: number;
}

/** A round recorded: the counts, and who was elected by it (with the chair's choice when scores tied). */
export interface ClusterRoundResult {
  readonly clusterId: string;
  readonly round: number;
  readonly seats: number;
  readonly present: number;
  readonly quorate: boolean;
  readonly needed: number;
  readonly counts: readonly ClusterCount[];
  readonly elected: readonly string[];
  readonly tiedByChair?: readonly string[];
  /** Whether the cluster's choice is complete (quota reached, or the last round held). */
  readonly final: boolean;
}

const fraction = (v: unknown): boolean => {
  const f = (v ?? {}) as { num?: unknown; den?: unknown };
  return (
    Number.isInteger(f.num) &&
    Number.isInteger(f.den) &&
    (f.den as number) > 0 &&
    (f.num as number) >= 0 &&
    (f.num as number) <= (f.den as number)
  );
};

/** Problems of one cluster as a campaign or the API carries it (`units`: the ids it may draw members from), each naming its field. */
export function clusterProblems(value: unknown, at: string, units?: ReadonlySet<string>): string[] {
  const c = (value !== null && typeof value === 'object' ? value : {}) as Partial<Record<keyof ClusterRef, unknown>>;
  const problems: string[] = [];
  if (typeof c.id !== 'string' || !SLUG.test(c.id)) problems.push(`${at}.id phải là mã chỉ gồm chữ thường không dấu, số và dấu gạch ngang`);
  if (typeof c.name !== 'string' || !c.name.trim() || c.name.length > 200) problems.push(`${at}.name phải có từ 1 đến 200 ký tự`);
  if (c.kind !== 'cluster' && c.kind !== 'block') problems.push(`${at}.kind phải là "cluster" (cụm) hoặc "block" (khối)`);
  if (!Number.isInteger(c.year) || (c.year as number) < 2000 || (c.year as number) > 2100)
    problems.push(`${at}.year phải là năm, ví dụ 2027`);
  const members = Array.isArray(c.members) ? (c.members as unknown[]) : undefined;
  if (!members || members.length < 2 || members.some((m) => typeof m !== 'string'))
    problems.push(`${at}.members phải là danh sách ít nhất 2 mã đơn vị`);
  else {
    if (new Set(members).size !== members.length) problems.push(`${at}.members có đơn vị bị liệt kê hai lần`);
    const unknown = units ? members.filter((m) => !units.has(m as string)) : [];
    if (unknown.length) problems.push(`${at}.members: không có đơn vị ${unknown.map((m) => `"${String(m)}"`).join(', ')}`);
    if (typeof c.head !== 'string' || !members.includes(c.head)) problems.push(`${at}.head (cụm trưởng) phải là một thành viên của cụm`);
    if (c.deputy !== undefined && (typeof c.deputy !== 'string' || !members.includes(c.deputy) || c.deputy === c.head))
      problems.push(`${at}.deputy (cụm phó) phải là một thành viên khác cụm trưởng`);
    if (!Number.isInteger(c.quota) || (c.quota as number) < 1 || (c.quota as number) >= members.length)
      problems.push(`${at}.quota phải là số nguyên từ 1 đến ${members.length - 1} (số đơn vị cụm suy tôn)`);
  }
  if (c.voters !== 'officers' && c.voters !== 'members')
    problems.push(`${at}.voters phải là "officers" (trưởng, phó các đơn vị) hoặc "members" (mỗi thành viên một phiếu)`);
  const vote = (c.vote ?? {}) as Partial<VoteRule>;
  if (!fraction(vote.share) || !fraction(vote.quorum) || (vote.of !== 'members' && vote.of !== 'present'))
    problems.push(`${at}.vote phải là { share: {num, den}, of: "members" | "present", quorum: {num, den} }`);
  if (typeof c.formId !== 'string' || !SLUG.test(c.formId)) problems.push(`${at}.formId phải là mã hình thức khen thưởng`);
  return problems;
}
