/**
 * What users read for each status, task, milestone, rating, event and metric, once: Vietnamese first, then
 * English. The console shows them, the decider and the notifications use the Vietnamese ones in sentences.
 * Typed by the contracts' unions, so a new phase or event without a label does not compile. Pure data: the
 * console imports this file directly.
 */
import type { CampaignStatus } from './campaign-events';
import type { CriterionKind, ReportRound, RuleOp } from './criteria';
import type { Milestones } from './definition';
import type { ReportMetrics } from './targets';
import { roundOf, type FixedTaskKind, type Rating, type TaskKind, type UnitEventType } from './unit-events';
import type { UnitKind } from './definition';
import type { UnitPhase } from './unit-state';

/** A label in Vietnamese and English. */
export type Label = readonly [vi: string, en: string];

export const PHASE_LABELS = {
  enrolled: ['Mới ghi danh', 'Enrolled'],
  'awaiting-registration': ['Chờ đăng ký', 'Awaiting registration'],
  'registration-submitted': ['Đã gửi đăng ký', 'Registration submitted'],
  'registration-returned': ['Đăng ký bị trả lại', 'Registration returned'],
  'registration-approved': ['Đã đăng ký', 'Registered'],
  'interim-review': ['Sơ kết', 'Interim review'],
  'in-progress': ['Đang thực hiện', 'In progress'],
  'awaiting-final-report': ['Chờ báo cáo cuối đợt', 'Awaiting final report'],
  'final-report-submitted': ['Đã gửi báo cáo cuối đợt', 'Final report submitted'],
  completed: ['Hoàn thành', 'Completed'],
  'non-compliant': ['Không hoàn thành', 'Non-compliant'],
  withdrawn: ['Đã rút', 'Withdrawn'],
  cancelled: ['Đã hủy', 'Cancelled'],
} as const satisfies Record<UnitPhase, Label>;

export const CAMPAIGN_STATUS_LABELS = {
  launching: ['Đang phát động', 'Launching'],
  running: ['Đang diễn ra', 'Running'],
  finished: ['Đã kết thúc', 'Finished'],
  cancelled: ['Đã hủy', 'Cancelled'],
} as const satisfies Record<CampaignStatus, Label>;

export const UNIT_KIND_LABELS = {
  agency: ['Cơ quan chuyên môn', 'Agency'],
  'service-unit': ['Đơn vị sự nghiệp', 'Service unit'],
  ward: ['UBND phường', 'Ward'],
  commune: ['UBND xã', 'Commune'],
  neighbourhood: ['Khu phố, ấp', 'Neighbourhood'],
} as const satisfies Record<UnitKind, Label>;

export const TASK_LABELS = {
  registration: ['Đăng ký thi đua', 'Registration'],
  'interim-report': ['Báo cáo sơ kết', 'Interim report'],
  'final-report': ['Báo cáo kết quả cuối đợt', 'Final report'],
} as const satisfies Record<FixedTaskKind, Label>;

/** The label of any task: a report round is called by its own title ("Báo cáo sơ kết quý I"). */
export function taskLabel(kind: TaskKind, rounds: readonly Pick<ReportRound, 'id' | 'title'>[] | undefined): Label {
  const round = roundOf(kind);
  if (round === undefined) return TASK_LABELS[kind as FixedTaskKind];
  const title = rounds?.find((r) => r.id === round)?.title ?? round;
  return [title, title];
}

export const MILESTONE_LABELS = {
  launchAt: ['Phát động', 'Launch'],
  registrationDue: ['Hạn đăng ký', 'Registration due'],
  registrationCutoffAt: ['Hạn chót đăng ký', 'Registration cut-off'],
  interimReportDue: ['Hạn báo cáo sơ kết', 'Interim report due'],
  interimReportCutoffAt: ['Hạn chót báo cáo sơ kết', 'Interim report cut-off'],
  interimReviewAt: ['Sơ kết', 'Interim review'],
  campaignEndsAt: ['Kết thúc đợt', 'Campaign ends'],
  finalReportDue: ['Hạn báo cáo cuối đợt', 'Final report due'],
  finalReportCutoffAt: ['Hạn chót báo cáo cuối đợt', 'Final report cut-off'],
} as const satisfies Record<keyof Milestones, Label>;

export const RATING_LABELS = {
  excellent: ['Hoàn thành xuất sắc', 'Excellent'],
  good: ['Hoàn thành tốt', 'Good'],
  completed: ['Hoàn thành', 'Completed'],
  'not-completed': ['Không hoàn thành', 'Not completed'],
} as const satisfies Record<Rating, Label>;

export const UNIT_EVENT_LABELS = {
  UnitEnrolled: ['Ghi danh vào đợt thi đua', 'Enrolled'],
  CalendarChanged: ['Cập nhật lịch làm việc', 'Working calendar updated'],
  ReminderSent: ['Gửi nhắc việc', 'Reminder sent'],
  DeadlineMissed: ['Quá hạn', 'Deadline missed'],
  UnitEscalated: ['Báo cáo lãnh đạo', 'Escalated'],
  RegistrationSubmitted: ['Gửi đăng ký', 'Registration submitted'],
  RegistrationApproved: ['Đăng ký được duyệt', 'Registration approved'],
  RegistrationReturned: ['Đăng ký bị trả lại', 'Registration returned'],
  InterimReviewStarted: ['Bắt đầu sơ kết', 'Interim review started'],
  CampaignEnded: ['Kết thúc đợt thi đua', 'Campaign ended'],
  ReportSubmitted: ['Gửi báo cáo', 'Report submitted'],
  ReviewRecorded: ['Ghi nhận đánh giá', 'Review recorded'],
  MilestoneMoved: ['Dời mốc thời gian', 'Milestones moved'],
  UnitWithdrawn: ['Rút khỏi đợt thi đua', 'Withdrawn'],
  UnitClosed: ['Đóng hồ sơ', 'Closed'],
  UnitCompleted: ['Hoàn thành', 'Completed'],
  SubCampaignLinked: ['Triển khai đến các đơn vị trực thuộc', 'Sub-campaign launched'],
} as const satisfies Record<UnitEventType, Label>;

export const METRIC_LABELS = {
  satisfactionPct: ['Mức độ hài lòng về thủ tục hành chính (%)', 'Satisfaction with procedures (%)'],
  onTimeDossierPct: ['Tỷ lệ hồ sơ giải quyết đúng hẹn (%)', 'Dossiers resolved on time (%)'],
  publicServiceSatisfactionPct: ['Hài lòng với dịch vụ công giáo dục, y tế (%)', 'Satisfaction with education and health services (%)'],
  onlineProceduresPct: ['Thủ tục dịch vụ công mức độ 3, 4 (%)', 'Procedures online at level 3–4 (%)'],
  feedbackResponseHours: ['Thời gian trả lời phản ánh (giờ)', 'Feedback response time (hours)'],
} as const satisfies Record<keyof Required<ReportMetrics>, Label>;

/** The values of a union, in the order of its label record (exhaustive by the record's type). */
export const valuesOf = <K extends string>(labels: Readonly<Record<K, Label>>): K[] => Object.keys(labels) as K[];

/** A Vietnamese label inside a sentence: its first letter lower-cased ("báo cáo sơ kết"). */
export function inSentence(label: Label): string {
  return label[0].charAt(0).toLocaleLowerCase('vi') + label[0].slice(1);
}

/** Names of the kinds with their unit of measure. */
export const CRITERION_KIND_LABELS = {
  percent: ['Tỷ lệ (%)', 'Percentage'],
  number: ['Số', 'Number'],
  minutes: ['Số phút', 'Minutes'],
  hours: ['Số giờ', 'Hours'],
  days: ['Số ngày', 'Days'],
  'working-days': ['Số ngày làm việc', 'Working days'],
  count: ['Số lần, số vụ việc', 'Count'],
  'yes-no': ['Có/Không', 'Yes/No'],
} as const satisfies Record<CriterionKind, Label>;

/** Comparisons of a criterion's rule. */
export const RULE_OP_LABELS = {
  '>': ['trên', 'more than'],
  '>=': ['từ … trở lên', 'at least'],
  '<': ['dưới', 'less than'],
  '<=': ['không quá', 'at most'],
  '==': ['bằng', 'exactly'],
  between: ['từ … đến', 'between'],
} as const satisfies Record<RuleOp, Label>;
