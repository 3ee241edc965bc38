/** Shapes of the API's answers that the console reads: the API's own contract types, not copies. */
export type {
  AccountView,
  CampaignSummary,
  Deadline,
  DirectoryUnit,
  Inbox,
  QueueItem,
  UnitCommendationView,
  InboxItem,
  Task,
  ScoreBoard,
  TaskProgress,
  TemplateSummary,
  UnitDetail,
  UnitEventView as UnitEvent,
  UnitRow,
} from '../../../libs/contracts/src/api/responses';
export type { ChasePolicy as Chase, Milestones } from '../../../libs/contracts/src/campaign/definition';
export type { Review, Submission } from '../../../libs/contracts/src/campaign/unit-state';
export type { RankedSheet } from '../../../libs/contracts/src/campaign/scores';
export type { Criterion, CriterionKind, Meeting, ReportRound, RuleOp } from '../../../libs/contracts/src/campaign/criteria';

/** The milestones in the order they must come: the engine's own list (plain TypeScript, bundled as is). */
export { MILESTONE_ORDER } from '../../../libs/contracts/src/campaign/definition';
