/** Events of a campaign's own stream: past tense, plain JSON. Names are stored forever. */
import type { ReportRound } from './criteria';
import type { Milestones, UnitRef } from './definition';
import type { NewStreamEventOf, StreamEventOf } from './unit-events';

/** The one status vocabulary of a campaign, from the log to the console. */
export type CampaignStatus = 'launching' | 'running' | 'finished' | 'cancelled';

/** Statuses after which the campaign accepts no operation. */
export const CLOSED_CAMPAIGN_STATUSES: readonly CampaignStatus[] = ['finished', 'cancelled'];

/** Payload of each campaign event type. */
export interface CampaignEventData {
  /**
   * `definitionHash` names the campaign as launched, stored once in `campaign_definitions` (the definition with
   * its units; absent in events recorded before, whose campaign is found by its id).
   */
  /** `org` absent: launched before organisations, by the root organisation. */
  CampaignLaunched: {
    title: string;
    units: number;
    milestones: Milestones;
    reports?: ReportRound[];
    definitionHash?: string;
    org?: string;
  };
  CampaignRunning: { unitsStarted: number };
  /** `reports`: the report rounds' new dates, when the move changed them. */
  MilestoneMoved: { milestones: Milestones; previous?: Milestones; reports?: ReportRound[]; previousReports?: ReportRound[] };
  /** `position` in the campaign's unit list (absent in events recorded before: after the last). */
  UnitAdded: { unit: UnitRef; position?: number };
  /** The working calendar the units count with changed; `stamp` names its state. */
  CalendarChanged: { stamp: string };
  CampaignCancelled: { reason?: string };
  CampaignFinished: { units: number };
}

/** Every campaign event type name. */
export type CampaignEventType = keyof CampaignEventData;

/** One event of a campaign stream (`campaign:<code>`). */
export type CampaignEvent = StreamEventOf<CampaignEventData>;

/** A campaign event before it is numbered. */
export type NewCampaignEvent = NewStreamEventOf<CampaignEventData>;

/** A campaign's state: the fold of its stream (the `campaigns` row holds the same facts). */
export interface CampaignState {
  readonly campaignId: string;
  readonly status: CampaignStatus;
  readonly milestones: Milestones;
  /** The report rounds as last moved (absent in campaigns without rounds). */
  readonly reports?: readonly ReportRound[];
  readonly unitsTotal: number;
  /** The calendar state last carried to the units (absent: the one they enrolled with). */
  readonly calendarStamp?: string;
  /** Units added after the launch, with their positions (absent: none). */
  readonly added?: ReadonlyArray<{ readonly unitId: string; readonly position: number }>;
  readonly seq: number;
}
