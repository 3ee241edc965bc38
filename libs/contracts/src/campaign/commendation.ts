/**
 * The commendation stage (bình xét, khen thưởng) of a campaign: the catalogue of commendation forms, the
 * nominations of collectives and individuals, the council's ballots, the public posting with objections
 * and the numbered decision. One stream and one workflow per campaign (`commendation:<campaign>`). Pure.
 */
import type { Attachment, StoredFile } from './attachments';
import type { ClusterRef, ClusterRoundResult } from './clusters';
import type { Ballot, BallotResult, VoteRule } from './council';
import type { ChasePolicy, UnitCalendar, UnitKind } from './definition';
import type { RankedSheet } from './scores';
import type { NewStreamEventOf, StreamEventOf } from './unit-events';
import type { UnitPhase } from './unit-state';

/** Who a form is awarded to. */
export type Recipient = 'collective' | 'individual';

/** One form of the catalogue (danh hiệu thi đua or hình thức khen thưởng), editable by admins. */
export interface CommendationForm {
  readonly id: string;
  /** As written on the papers: "Giấy khen của Chủ tịch Ủy ban nhân dân phường". */
  readonly title: string;
  readonly recipient: Recipient;
  /** The council's vote it needs (share in favour, counted against members or those present, quorum). */
  readonly vote: VoteRule;
  /** The rule the threshold comes from, cited on the minutes. */
  readonly legalBasis: string;
  /** A person nominated for it must state an initiative (sáng kiến): Chiến sĩ thi đua (Law 06/2022 Art. 23–24). */
  readonly requiresInitiative?: boolean;
  /** Award money as a multiple of the base salary (mức lương cơ sở) in force on the decision's date. */
  readonly reward?: number;
}

const share = (num: number, den: number): { num: number; den: number } => ({ num, den });

/**
 * The vote the decree itself sets: khoản 7 Điều 30 Nghị định 98/2023/NĐ-CP required, of all council members
 * (absent ones giving their opinion in writing), at least 80% for Chiến sĩ thi đua cơ sở and for a province's
 * Cờ thi đua, and at least 90% for Chiến sĩ thi đua of a province. Nghị định 152/2025/NĐ-CP, which replaced
 * it from 01/07/2025, could not be read in its original text here: the notes below say so.
 */
const DECREE_80 = { share: share(80, 100), of: 'members' as const, quorum: share(2, 3), written: true, rounds: 2 };
const DECREE_90 = { ...DECREE_80, share: share(90, 100) };
/** Where the decree sets no threshold, the council's own regulation does (commonly: 2/3 present, two rounds). */
const REGULATION = (num: number, den: number, of: 'members' | 'present') => ({
  share: share(num, den),
  of,
  quorum: share(2, 3),
  rounds: 2,
});

const DECREE_BASIS =
  'khoản 7 Điều 30 Nghị định số 98/2023/NĐ-CP; chưa đối chiếu được nguyên văn Nghị định số 152/2025/NĐ-CP (thay thế từ 01/7/2025) — đối chiếu trước khi áp dụng';
const WARD_RULE =
  'Nghị định không quy định tỷ lệ phiếu cho hình thức này: theo Quy chế hoạt động của Hội đồng Thi đua – Khen thưởng (đối chiếu quy chế của đơn vị)';

/**
 * The forms a new installation starts with, each with its vote rule, its citation and its award money as a
 * multiple of the base salary. Admins edit the figures when their regulation or a new decree differs.
 */
export const BUILT_IN_FORMS: readonly CommendationForm[] = [
  {
    id: 'giay-khen-tap-the',
    title: 'Giấy khen của Chủ tịch Ủy ban nhân dân phường',
    recipient: 'collective',
    vote: REGULATION(70, 100, 'members'),
    legalBasis: WARD_RULE,
    reward: 0.6,
  },
  {
    id: 'giay-khen-ca-nhan',
    title: 'Giấy khen của Chủ tịch Ủy ban nhân dân phường',
    recipient: 'individual',
    vote: REGULATION(70, 100, 'members'),
    legalBasis: WARD_RULE,
    reward: 0.3,
  },
  {
    id: 'tap-the-lao-dong-tien-tien',
    title: 'Tập thể Lao động tiên tiến',
    recipient: 'collective',
    vote: REGULATION(1, 2, 'present'),
    legalBasis: WARD_RULE,
    reward: 0.8,
  },
  {
    id: 'tap-the-lao-dong-xuat-sac',
    title: 'Tập thể Lao động xuất sắc',
    recipient: 'collective',
    vote: REGULATION(2, 3, 'members'),
    legalBasis: WARD_RULE,
    reward: 1.5,
  },
  {
    id: 'chien-si-thi-dua-co-so',
    title: 'Chiến sĩ thi đua cơ sở',
    recipient: 'individual',
    requiresInitiative: true,
    vote: DECREE_80,
    legalBasis: DECREE_BASIS,
    reward: 1,
  },
  {
    id: 'bang-khen-chu-tich-tinh',
    title: 'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh/thành phố',
    recipient: 'collective',
    vote: REGULATION(2, 3, 'members'),
    legalBasis: 'Nghị định không quy định tỷ lệ phiếu cho hình thức này: theo Quy chế của Hội đồng Thi đua – Khen thưởng tỉnh/thành phố',
    reward: 2,
  },
  {
    id: 'co-thi-dua-tinh',
    title: 'Cờ thi đua của Ủy ban nhân dân tỉnh/thành phố',
    recipient: 'collective',
    vote: DECREE_80,
    legalBasis: DECREE_BASIS,
    reward: 8,
  },
  {
    id: 'chien-si-thi-dua-tinh',
    title: 'Chiến sĩ thi đua cấp tỉnh',
    recipient: 'individual',
    requiresInitiative: true,
    vote: DECREE_90,
    legalBasis: DECREE_BASIS,
    reward: 3,
  },
];

/** A person a unit nominates. */
export interface Person {
  readonly name: string;
  /** Chức vụ, đơn vị công tác. */
  readonly position: string;
  /** Tóm tắt thành tích. */
  readonly achievement: string;
  /** Sáng kiến, giải pháp (required by some forms, e.g. Chiến sĩ thi đua cơ sở). */
  readonly initiative?: string;
}

/** A person as a unit sends them: with the form proposed. */
export type PersonNomination = Person & { readonly formId: string; readonly achievementReport?: Attachment };

/** Where a nominee stands. */
export type NomineeStatus = 'proposed' | 'passed' | 'rejected' | 'removed';

/** A collective (a unit) or an individual proposed for a form. */
export interface Nominee {
  /** `tt:<unit>:<form>` for a collective, `cn:<unit>:<n>` for an individual. */
  readonly id: string;
  readonly unitId: string;
  readonly unitName: string;
  readonly formId: string;
  readonly person?: Person;
  readonly status: NomineeStatus;
  readonly vote?: Ballot & BallotResult & { readonly at: string; readonly round?: number };
  /** Why it was taken off the list (an objection upheld, a unit's corrections). */
  readonly removedReason?: string;
  /** Proposed by this emulation cluster as its leading member (papers name the cluster). */
  readonly clusterId?: string;
  /** Its achievement report (báo cáo thành tích), signed, with the decree's template number. */
  readonly achievementReport?: Attachment;
}

/** Status of a unit's task of nominating its individuals. */
export type NominationTaskStatus = 'open' | 'submitted' | 'returned' | 'closed';

/** A participating unit as the stage knows it (its facts when the stage opened). */
export interface CommendationUnit {
  readonly unitId: string;
  readonly name: string;
  readonly kind: UnitKind;
  readonly phase: UnitPhase;
  readonly email?: string;
  /** Its task of nominating individuals: only units whose final report is in have one. */
  readonly task?: {
    readonly status: NominationTaskStatus;
    readonly dueAt: string;
    /** When it was (re)opened: reminders due before it are not caught up. Absent: when the stage opened. */
    readonly openedAt?: string;
    readonly returnedReason?: string;
    readonly submittedAt?: string;
    readonly late?: boolean;
    /** Keys of reminders and escalations sent (`before:P1D`, `level:1`, `level:2`). */
    readonly sent: readonly string[];
    readonly escalationLevel: 0 | 1 | 2;
  };
}

/** A criterion the coordinator scores by judgement (not from the unit's reports). */
export interface JudgedCriterion {
  readonly id: string;
  readonly title: string;
  readonly points: number;
}

/** The points the coordinator gave a unit for a judged criterion. */
export interface JudgedScore {
  readonly unitId: string;
  readonly criterion: string;
  readonly points: number;
  readonly note?: string;
  readonly at: string;
}

/** A member of the council (an account of the system). */
export interface CouncilMember {
  readonly accountId: string;
  readonly name: string;
  /** "Chủ tịch Hội đồng", "Phó Chủ tịch", "Thành viên", "Thư ký". */
  readonly role: string;
}

/** The council's meeting. */
export interface Council {
  readonly members: readonly CouncilMember[];
  readonly meetingAt: string;
  readonly place?: string;
}

/** An objection a unit raised against a posted nominee. */
export interface Objection {
  readonly id: string;
  readonly nomineeId: string;
  /** The unit that raised it. */
  readonly unitId: string;
  readonly reason: string;
  readonly at: string;
  readonly status: 'open' | 'dismissed' | 'upheld';
  readonly resolution?: string;
  readonly resolvedAt?: string;
  /** Its proof (absent: none). */
  readonly attachments?: readonly Attachment[];
}

/** The list posted publicly (công khai), its period and the score sheets frozen with it. */
export interface Posting {
  readonly postedAt: string;
  readonly endsAt: string;
  /** The period in days as set, and whether they are working days. */
  readonly days: number;
  readonly workingDays: boolean;
  readonly sheets: readonly RankedSheet[];
  readonly ended: boolean;
}

/** Who issues the decision and signs it. */
export interface Issuer {
  /** "Ủy ban nhân dân phường An Lạc". */
  readonly name: string;
  /** Abbreviation on the number: "UBND" → "125/QĐ-UBND". */
  readonly abbreviation: string;
  /** The place on the date line: "An Lạc". */
  readonly place: string;
  /** The signer's title and name: "Chủ tịch", "Nguyễn Văn A". */
  readonly signerTitle: string;
  readonly signerName: string;
}

/** The decision. */
export interface Decision {
  readonly number: number;
  /** "125/QĐ-UBND". */
  readonly numberText: string;
  readonly issuedAt: string;
  readonly signerTitle: string;
  readonly signerName: string;
  /** The nominees awarded, in list order. */
  readonly awarded: readonly string[];
  /** The papers as issued: stored once, signed when the issuer has a signing certificate (absent on decisions issued before). */
  readonly papers?: DecisionPapers;
}

/** A paper as issued: its stored file and, when signed, by whom and when. */
export interface IssuedPaper extends StoredFile {
  readonly signed?: {
    /** The signing certificate's subject: "CN=Ủy ban nhân dân phường An Lạc, O=…". */
    readonly subject: string;
    /** Signing time, ISO 8601 with the offset. */
    readonly at: string;
    /** SHA-256 of the certificate (DER), hex. */
    readonly certificate: string;
    /** PAdES baseline B-B, or B-T when a time-stamping authority stamped it. */
    readonly profile: 'PAdES-B-B' | 'PAdES-B-T';
  };
}

/** The decision's papers: the decision (with its annex) and one certificate (giấy khen) per awardee. */
export interface DecisionPapers {
  readonly decision: IssuedPaper;
  readonly certificates: ReadonlyArray<IssuedPaper & { readonly nomineeId: string }>;
  /** The legal texts it cites (ids), as in force on its date. */
  readonly cites: readonly string[];
  /** The award money in all, in đồng. */
  readonly total: number;
}

/** What the coordinator sets when opening the stage. */
export interface CommendationSetup {
  readonly issuer: Issuer;
  /** Units send their individuals by this instant. */
  readonly nominationsDue: string;
  /** Days of public posting (working days in a campaign counting them). */
  readonly postingDays: number;
  /** Criteria the coordinator scores by judgement, added to every unit's sheet. */
  readonly judged?: readonly JudgedCriterion[];
}

/** The campaign facts the stage works with, read when it opens. */
export interface CommendationContext {
  readonly campaignTitle: string;
  readonly coordinator: string;
  readonly timezone: string;
  readonly chase: ChasePolicy;
  /** A plan day in milliseconds (a rehearsal's days last seconds). */
  readonly dayMs: number;
  /** Working days and office hours (absent: calendar days). */
  readonly calendar?: UnitCalendar;
  readonly units: readonly CommendationUnit[];
  readonly forms: readonly CommendationForm[];
  /** The emulation clusters of the campaign, as launched (absent: none). */
  readonly clusters?: readonly ClusterRef[];
}

/** Where the stage is. */
export type CommendationStage = 'nominating' | 'posted' | 'decided';

/** The stage's state: the fold of its stream (the `commendations` row holds it too). */
export interface CommendationState extends CommendationContext {
  readonly campaignId: string;
  readonly stage: CommendationStage;
  readonly setup: CommendationSetup;
  readonly nominees: readonly Nominee[];
  readonly scores: readonly JudgedScore[];
  readonly council?: Council;
  readonly posting?: Posting;
  readonly objections: readonly Objection[];
  readonly decision?: Decision;
  /** The clusters' ballot rounds, in order (absent: none held). */
  readonly clusterRounds?: readonly ClusterRoundResult[];
  /** The council's minutes and written opinions, in the order attached (absent: none). */
  readonly minutes?: readonly Attachment[];
  readonly openedAt: string;
  readonly seq: number;
}

/** Payload of each commendation event. */
export interface CommendationEventData {
  CommendationOpened: { setup: CommendationSetup; context: CommendationContext };
  NominationProposed: { nominee: Nominee };
  IndividualNominated: { nominee: Nominee };
  NominationWithdrawn: { nomineeId: string; reason: string };
  NominationsSubmitted: { unitId: string; count: number; late: boolean };
  NominationsReturned: { unitId: string; reason: string; dueAt: string };
  NominationReminderSent: { unitId: string; key: string; kind: 'before' | 'overdue'; dueAt: string };
  NominationsEscalated: { unitId: string; level: 1 | 2; dueAt: string };
  ScoreRecorded: { score: JudgedScore };
  CouncilConvened: { council: Council };
  /** `round`: the ballot round (absent: the first), at most the form's `vote.rounds`. */
  CouncilVoteRecorded: { nomineeId: string; ballot: Ballot; result: BallotResult; round?: number };
  /** A round of a cluster meeting's ballot; when it completes the cluster's choice, NominationProposed events follow. */
  ClusterVoteRecorded: { result: ClusterRoundResult };
  ListPosted: { endsAt: string; days: number; workingDays: boolean; listed: string[]; sheets: RankedSheet[]; closedTasks: string[] };
  ObjectionRaised: { objection: Objection };
  MinutesAttached: { attachments: Attachment[] };
  ObjectionResolved: { objectionId: string; outcome: 'dismissed' | 'upheld'; resolution: string };
  PostingEnded: Record<string, never>;
  /** `number`/`numberText` are completed by the store, from the issuer's register, in the transaction that records it. */
  DecisionIssued: {
    number: number;
    numberText: string;
    registerKey: string;
    abbreviation: string;
    year: number;
    signerTitle: string;
    signerName: string;
    awarded: string[];
    /** Completed by the store with the number: the papers made, signed and stored in the same transaction. */
    papers?: DecisionPapers;
  };
}

/** One event of a commendation stream. */
export type CommendationEvent = StreamEventOf<CommendationEventData>;
/** A commendation event before it is numbered. */
export type NewCommendationEvent = NewStreamEventOf<CommendationEventData>;

/** The workflow id (and stream) of a campaign's commendation stage. */
export function commendationWorkflowId(campaignId: string): string {
  return `commendation:${campaignId}`;
}

/** The register a decision number is taken from: one per issuer (its name) and year. */
export function registerKey(issuer: Pick<Issuer, 'name' | 'abbreviation'>): string {
  return `${issuer.abbreviation}:${issuer.name}`.toLowerCase().normalize('NFC');
}

/** The form of a nominee, from the stage's catalogue copy. */
export function formOf(state: Pick<CommendationState, 'forms'>, formId: string): CommendationForm | undefined {
  return state.forms.find((f) => f.id === formId);
}

/** A nominee's name for messages and papers: the person's with their unit, else the unit's. */
export function nomineeName(n: Nominee): string {
  return n.person ? `${n.person.name} (${n.unitName})` : n.unitName;
}

/** Nominees on the posted list (passed, not removed), in list order. */
export function listedNominees(state: Pick<CommendationState, 'nominees'>): Nominee[] {
  return state.nominees.filter((n) => n.status === 'passed');
}

/** Phases of a unit that may be commended: its final report is in. */
export const COMMENDABLE_PHASES: readonly UnitPhase[] = ['final-report-submitted', 'completed'];
