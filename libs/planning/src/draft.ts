/** What a plan import answers: the draft, the plan's words behind each value, and what it leaves vague. Types only (the console reads them). */
import type { CriterionKind, CriterionRule, UnitKind } from '@thidua/contracts';

/** Milestones a plan states. */
export type DraftMilestone = 'launchAt' | 'registrationDue' | 'interimReviewAt' | 'campaignEndsAt' | 'finalReportDue';

/** What the import made of a plan: every field optional except the lists, which may be empty. */
export interface PlanDraft {
  readonly title?: string;
  readonly issuer?: string;
  readonly coordinator?: string;
  /** Vietnam's legal time (not read from the text: plans do not state it). */
  readonly timezone: 'Asia/Ho_Chi_Minh';
  readonly milestones: Partial<Record<DraftMilestone, string>>;
  readonly reports: ReadonlyArray<{ readonly title: string; readonly due: string }>;
  readonly meetings: ReadonlyArray<{ readonly title: string; readonly at: string }>;
  /** `points`: what the plan's scoring gives the criterion ("(20 điểm)"), when it says. */
  readonly criteria: ReadonlyArray<{
    readonly title: string;
    readonly kind: CriterionKind;
    readonly rule: CriterionRule;
    readonly points?: number;
    /** The kinds of unit it applies to, when the plan says (a criteria table's "Đối tượng áp dụng" column). */
    readonly appliesTo?: readonly UnitKind[];
  }>;
  readonly unitGroups: ReadonlyArray<{ readonly text: string; readonly kind: UnitKind; readonly count?: number }>;
}

/** The words of the text that support one value of the draft (`path` as in `milestones.registrationDue`). */
export interface Evidence {
  readonly path: string;
  readonly quote: string;
}

/** Something the plan says that the import could not turn into a value; the person decides. */
export interface Unresolved {
  readonly what: string;
  readonly quote: string;
}

/** The answer of an import. */
export interface PlanImport {
  readonly draft: PlanDraft;
  readonly evidence: readonly Evidence[];
  readonly unresolved: readonly Unresolved[];
}
