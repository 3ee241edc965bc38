/** What an organisation sees of the campaigns above it that it takes part in (the city's campaign, seen by a ward). */
import type { CampaignStatus } from '../campaign/campaign-events';
import type { Criterion, ReportRound } from '../campaign/criteria';
import type { Milestones } from '../campaign/definition';
import type { UnitPhase } from '../campaign/unit-state';
import type { UnitDetail } from './responses';

/** A campaign above that enrols the organisation, with its part in it. */
export interface UpwardCampaign {
  readonly campaignId: string;
  readonly title: string;
  readonly status: CampaignStatus;
  /** Who runs it, and its name. */
  readonly orgId: string;
  readonly orgName: string;
  /** The organisation's phase there (null until its enrolment is projected). */
  readonly phase: UnitPhase | null;
  readonly overdue: boolean;
  readonly nextDueAt: string | null;
  /** The sub-campaign it runs for its own units, if any. */
  readonly subCampaignId: string | null;
}

/** One campaign above, as the organisation works on it. */
export interface UpwardView {
  readonly campaign: UpwardCampaign & {
    readonly milestones: Milestones;
    readonly reports: readonly ReportRound[];
    /** The criteria it reports (those that apply to it). */
    readonly criteria: readonly Criterion[];
    readonly dayLength: string | null;
  };
  /** Its own part: phase, deadlines, what it sent. */
  readonly unit: UnitDetail;
}
