/** Shapes of the API's answers that the console reads: the API's own contract types, not copies. */
export type {
  AccountView,
  CampaignSummary,
  Deadline,
  DirectoryUnit,
  GrantView,
  OrganisationView,
  OrgSettings,
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
  RollupView,
  UpwardCampaign,
  UpwardView,
  Consolidation,
  ClusterRecord,
} from '@thidua/contracts';
export type { ChasePolicy as Chase, Milestones } from '@thidua/contracts';
export type { Review, Submission } from '@thidua/contracts';
export type { UnitScoreSheet } from '@thidua/contracts';
export type { Criterion, CriterionKind, Meeting, ReportRound, RuleOp } from '@thidua/contracts';

/** The milestones in the order they must come: the engine's own list (plain TypeScript, bundled as is). */
export { MILESTONE_ORDER } from '@thidua/contracts';
