/**
 * Vietnamese first, English switchable. The console's own texts are here; the labels of the domain's values
 * (phases, tasks, milestones, ratings, events, metrics, unit kinds) come from the contracts.
 */
import { createContext, useContext } from 'react';
import {
  CAMPAIGN_STATUS_LABELS,
  METRIC_LABELS,
  MILESTONE_LABELS,
  PHASE_LABELS,
  RATING_LABELS,
  TASK_LABELS,
  UNIT_EVENT_LABELS,
  UNIT_KIND_LABELS,
  type Label,
} from '../../../libs/contracts/src/campaign/labels';

export type { Label };

export type Lang = 'vi' | 'en';

const T = {
  appName: ['Thi đua', 'Emulation campaigns'],
  login: ['Đăng nhập', 'Sign in'],
  logout: ['Đăng xuất', 'Sign out'],
  username: ['Tên đăng nhập', 'Username'],
  password: ['Mật khẩu', 'Password'],
  sessionExpired: ['Phiên đăng nhập đã hết hạn; vui lòng đăng nhập lại.', 'Your session has expired; please sign in again.'],
  switchLang: ['English', 'Tiếng Việt'],
  campaigns: ['Đợt thi đua', 'Campaigns'],
  newCampaign: ['Đợt thi đua mới', 'New campaign'],
  myTasks: ['Việc cần làm', 'My tasks'],
  inbox: ['Thông báo', 'Notifications'],
  unread: ['chưa đọc', 'unread'],
  loading: ['Đang tải…', 'Loading…'],
  none: ['Không có', 'None'],
  title: ['Tên đợt thi đua', 'Title'],
  code: ['Mã đợt', 'Code'],
  status: ['Trạng thái', 'Status'],
  units: ['Đơn vị', 'Units'],
  unit: ['Đơn vị', 'Unit'],
  overdue: ['Quá hạn', 'Overdue'],
  escalated: ['Đã báo cáo lãnh đạo', 'Escalated'],
  open: ['Mở', 'Open'],
  template: ['Mẫu kế hoạch', 'Template'],
  launchAt: ['Ngày phát động', 'Launch date'],
  rehearsal: ['Diễn tập (nén thời gian)', 'Rehearsal (compressed time)'],
  dayLength: ['Một ngày của kế hoạch kéo dài (giây)', 'One plan day lasts (seconds)'],
  loadTemplate: ['Áp dụng mẫu', 'Apply template'],
  milestones: ['Mốc thời gian', 'Milestones'],
  chase: ['Nhắc việc và báo cáo lãnh đạo', 'Reminders and escalation'],
  reminderOffsets: ['Nhắc trước hạn (ISO, cách nhau bởi dấu phẩy, ví dụ P7D, P3D, P1D)', 'Reminders before the deadline (ISO, comma-separated, e.g. P7D, P3D, P1D)'],
  overdueReminderInterval: ['Nhắc lại khi quá hạn, mỗi (ISO, ví dụ P1D)', 'Repeat when overdue, every (ISO, e.g. P1D)'],
  escalationDelay: ['Báo cáo lãnh đạo cấp 2 sau (ISO, ví dụ P3D)', 'Escalate to level 2 after (ISO, e.g. P3D)'],
  pickUnits: ['Chọn đơn vị tham gia', 'Participating units'],
  selectAll: ['Chọn tất cả', 'Select all'],
  search: ['Tìm kiếm', 'Search'],
  launch: ['Phát động', 'Launch'],
  launching: ['Đang ghi danh đơn vị', 'Enrolling units'],
  fanOutMove: ['Đang thông báo mốc thời gian mới tới các đơn vị', 'Telling units the new milestones'],
  fanOutCancel: ['Đang thông báo hủy đợt thi đua tới các đơn vị', 'Telling units of the cancellation'],
  fixErrors: ['Vui lòng sửa các trường được đánh dấu.', 'Please fix the marked fields.'],
  required: ['Bắt buộc', 'Required'],
  today: ['Hôm nay', 'Today'],
  byPhase: ['Số đơn vị theo giai đoạn', 'Units by phase'],
  phase: ['Giai đoạn', 'Phase'],
  deadline: ['Hạn', 'Deadline'],
  daysOverdue: ['Số ngày quá hạn', 'Days overdue'],
  workingDaysShort: ['ngày làm việc', 'working days'],
  escalationLevel: ['Mức báo cáo', 'Escalation'],
  remindersSent: ['Số lần nhắc', 'Reminders'],
  onlyOverdue: ['Chỉ đơn vị quá hạn', 'Overdue only'],
  allPhases: ['Mọi giai đoạn', 'All phases'],
  exportCsv: ['Xuất CSV', 'Export CSV'],
  moveMilestones: ['Dời mốc thời gian', 'Move milestones'],
  addUnit: ['Bổ sung đơn vị', 'Add a unit'],
  withdraw: ['Rút khỏi đợt thi đua', 'Withdraw'],
  cancelCampaign: ['Hủy đợt thi đua', 'Cancel the campaign'],
  reason: ['Lý do', 'Reason'],
  confirm: ['Xác nhận', 'Confirm'],
  back: ['Thôi', 'Back'],
  areYouSure: ['Bạn chắc chắn muốn thực hiện?', 'Are you sure?'],
  save: ['Lưu', 'Save'],
  saved: ['Đã lưu.', 'Saved.'],
  history: ['Nhật ký', 'History'],
  registration: ['Đăng ký thi đua', 'Registration'],
  commitments: ['Nội dung đăng ký (cam kết)', 'Commitments'],
  initiatives: ['Sáng kiến, giải pháp', 'Initiatives'],
  initiativeTitle: ['Tên sáng kiến', 'Initiative title'],
  initiativeDescription: ['Mô tả', 'Description'],
  addInitiative: ['Thêm sáng kiến', 'Add an initiative'],
  remove: ['Xóa', 'Remove'],
  approve: ['Duyệt', 'Approve'],
  returnIt: ['Trả lại', 'Return'],
  returnedReason: ['Lý do trả lại', 'Reason for return'],
  submit: ['Gửi', 'Submit'],
  submitted: ['Đã gửi thành công. Hồ sơ đã được ghi nhận.', 'Submitted. Your work has been recorded.'],
  interimReport: ['Báo cáo sơ kết', 'Interim report'],
  finalReport: ['Báo cáo cuối đợt', 'Final report'],
  summary: ['Nội dung báo cáo', 'Summary'],
  targetCheck: ['Đối chiếu chỉ tiêu', 'Targets'],
  criteriaCheck: ['Đối chiếu chỉ tiêu của kế hoạch', 'Criteria of the plan'],
  taskProgress: ['Tiến độ từng việc', 'Progress of each task'],
  designer: ['Thiết kế kế hoạch thi đua', 'Campaign designer'],
  historical: ['kế hoạch cũ, để tham khảo', 'a past plan, for reference'],
  designerOpen: ['Hoặc mở một mẫu đã lưu để sửa', 'Or open a saved template to edit'],
  designerOpenButton: ['Mở mẫu', 'Open'],
  designerSaveVersion: ['Lưu phiên bản mới của mẫu', 'Save a new version of the template'],
  designerBuiltinNote: ['Mẫu có sẵn không sửa được: lưu thành mẫu mới.', 'Built-in templates are read-only: save as a new template.'],
  designerPlan: ['Văn bản kế hoạch', 'Plan text'],
  designerPaste: ['Dán nội dung kế hoạch (Kế hoạch phát động phong trào thi đua)', 'Paste the plan (Kế hoạch)'],
  designerPasteHint: ['Hệ thống đọc mốc thời gian, kỳ báo cáo, hội nghị, chỉ tiêu và đơn vị tham gia; mỗi giá trị kèm câu chữ của kế hoạch.', 'Dates, report rounds, meetings, criteria and participants are read, each with the plan’s own words.'],
  designerRead: ['Đọc kế hoạch', 'Read the plan'],
  designerDraft: ['Bản nháp', 'Draft'],
  designerUnresolved: ['Kế hoạch chưa nêu rõ, cần anh/chị quyết định', 'Vague in the plan: please decide'],
  designerItemTitle: ['Tên', 'Title'],
  designerWhen: ['Thời gian', 'When'],
  designerAdd: ['Thêm', 'Add'],
  designerCriteria: ['Chỉ tiêu thi đua', 'Criteria'],
  designerKind: ['Loại chỉ tiêu', 'Kind'],
  designerOp: ['Điều kiện', 'Condition'],
  designerValue: ['Giá trị', 'Value'],
  designerMax: ['Đến (giá trị lớn nhất)', 'Up to'],
  designerPoints: ['Điểm', 'Points'],
  designerAppliesTo: ['Áp dụng cho (để trống: mọi đơn vị)', 'Applies to (none: every unit)'],
  designerIssuer: ['Cấp phát động', 'Issuer'],
  designerCoordinator: ['Cơ quan thường trực, theo dõi', 'Coordinator'],
  designerRounds: ['Các kỳ báo cáo', 'Report rounds'],
  designerMeetings: ['Hội nghị sơ kết, tổng kết', 'Review meetings'],
  designerPlanSays: ['Kế hoạch nêu', 'The plan says'],
  designerSaveTemplate: ['Lưu thành mẫu kế hoạch', 'Save as a template'],
  designerLaunch: ['Phát động', 'Launch'],
  task: ['Việc', 'Task'],
  sent: ['Đã gửi', 'Sent'],
  stillExpected: ['Còn phải gửi', 'Still expected'],
  sentLate: ['Gửi muộn', 'Sent late'],
  criterion: ['Chỉ tiêu', 'Criterion'],
  criterionTarget: ['Yêu cầu', 'Target'],
  statedValue: ['Số liệu báo cáo', 'Stated value'],
  yes: ['Có', 'Yes'],
  no: ['Không', 'No'],
  choose: ['— Chọn —', '— Choose —'],
  finalNeedsAll: ['Báo cáo cuối đợt cần số liệu của mọi chỉ tiêu.', 'The final report states every criterion.'],
  roundsHint: ['Báo cáo kỳ này có thể để trống chỉ tiêu chưa có số liệu.', 'A round may leave out criteria without figures yet.'],
  met: ['Đạt', 'Met'],
  notMet: ['Chưa đạt', 'Not met'],
  notStated: ['Không nêu', 'Not stated'],
  reviews: ['Đánh giá', 'Reviews'],
  interimReview: ['Sơ kết', 'Interim review'],
  finalReview: ['Tổng kết', 'Final review'],
  rating: ['Xếp loại', 'Rating'],
  commendation: ['Đề nghị khen thưởng', 'Commendation'],
  note: ['Ghi chú', 'Note'],
  record: ['Ghi nhận', 'Record'],
  late: ['nộp trễ', 'late'],
  noTasks: ['Không có việc nào đang chờ. Cảm ơn đơn vị!', 'Nothing to do right now. Thank you!'],
  cutoff: ['Hạn chót nhận', 'Final cut-off'],
  actOn: ['Thực hiện', 'Do it'],
  yourSubmission: ['Hồ sơ đã gửi', 'What you submitted'],
  markRead: ['Đánh dấu đã đọc', 'Mark as read'],
  noNotifications: ['Chưa có thông báo.', 'No notifications yet.'],
  level: ['Mức', 'Level'],
  directory: ['Danh mục đơn vị', 'Unit directory'],
  progress: ['Tiến độ', 'Progress'],
  actor: ['Người thực hiện', 'By'],
  page: ['Trang', 'Page'],
  prev: ['Trang trước', 'Previous'],
  next: ['Trang sau', 'Next'],
  addUnitHeading: ['Thêm đơn vị vào danh mục', 'Add a unit to the directory'],
  unitIdField: ['Mã đơn vị (chữ thường không dấu, số, gạch ngang)', 'Unit id (lowercase slug)'],
  unitNameField: ['Tên đơn vị', 'Name'],
  unitKindField: ['Loại đơn vị', 'Kind'],
  headEmailField: ['E-mail thủ trưởng', 'Head’s e-mail'],
  contactEmailField: ['E-mail đầu mối', 'Contact e-mail'],
  createAccount: ['Tạo tài khoản', 'Create an account'],
  passwordField: ['Mật khẩu (ít nhất 10 ký tự)', 'Password (10 characters or more)'],
  role: ['Vai trò', 'Role'],
  displayName: ['Tên hiển thị', 'Display name'],
  administration: ['Quản trị', 'Administration'],
  idColumn: ['Mã', 'Id'],
  kindColumn: ['Loại', 'Kind'],
  accounts: ['Tài khoản', 'Accounts'],
  invalidLaunchDate: ['Ngày phát động không hợp lệ', 'Invalid launch date'],
  slugRule: ['Chỉ gồm chữ thường không dấu, số và dấu gạch ngang', 'Lowercase letters, digits and dashes only'],
  invalidInstant: ['Thời điểm không hợp lệ', 'Invalid date'],
  durationsRule: ['Mỗi giá trị phải là khoảng thời gian ISO, ví dụ P7D hoặc PT30S', 'Each value must be an ISO duration such as P7D'],
  intervalRule: ['Khoảng thời gian ISO, ví dụ P1D', 'An ISO duration such as P1D'],
  delayRule: ['Khoảng thời gian ISO, ví dụ P3D', 'An ISO duration such as P3D'],
  pickAtLeastOneUnit: ['Chọn ít nhất một đơn vị', 'Pick at least one unit'],
  importPlanUnits: ['Nhập các đơn vị của mẫu kế hoạch', 'Import the template’s units'],
  registrationIncomplete: ['Vui lòng nhập nội dung đăng ký và đủ tên, mô tả cho mỗi sáng kiến.', 'Please fill in the commitments and every initiative.'],
  colUnitId: ['Mã đơn vị', 'Unit id'],
  colUnit: ['Tên đơn vị', 'Unit'],
  colPhase: ['Giai đoạn', 'Phase'],
  colDeadline: ['Hạn', 'Deadline'],
  colOverdue: ['Quá hạn', 'Overdue'],
  colDaysOverdue: ['Số ngày quá hạn', 'Days overdue'],
  colEscalation: ['Mức báo cáo', 'Escalation'],
  colReminders: ['Số lần nhắc', 'Reminders'],
} as const satisfies Record<string, readonly [string, string]>;

export type Key = keyof typeof T;

/** Texts with values in them: one formatter per language. */
const F = {
  templateShape: [(version: number, rounds: number, criteria: number) => `phiên bản ${version}, ${rounds} kỳ báo cáo, ${criteria} chỉ tiêu`, (version: number, rounds: number, criteria: number) => `version ${version}, ${rounds} rounds, ${criteria} criteria`],
  designerSaved: [(id: string, version: number) => `Đã lưu mẫu "${id}" (phiên bản ${version}).`, (id: string, version: number) => `Saved template "${id}" (version ${version}).`],
  designerAddKind: [(kind: string) => `Chọn tất cả: ${kind}`, (kind: string) => `Select every ${kind}`],
  unitsImported: [(created: number, existing: number) => `Đã thêm ${created} đơn vị, ${existing} đơn vị đã có sẵn.`, (created: number, existing: number) => `Added ${created} units; ${existing} already there.`],
  importTemplateUnits: [(n: number) => `Nhập ${n} đơn vị của mẫu`, (n: number) => `Import the template’s ${n} units`],
  milestoneNotBefore: [(previous: string) => `Không được trước mốc "${previous}"`, (previous: string) => `Must not be before "${previous}"`],
  milestoneNeeds: [(other: string) => `Cần có mốc "${other}"`, (other: string) => `Needs "${other}"`],
  numberRange: [(max: number) => `Phải là số từ 0 đến ${max}`, (max: number) => `Must be a number from 0 to ${max}`],
} as const;

export type FormatKey = keyof typeof F;

/** Labels of the domain's values, from the contracts (one list for the console, the API and the e-mails). */
export const PHASES: Record<string, Label> = { ...PHASE_LABELS, ...CAMPAIGN_STATUS_LABELS };
export const TASKS: Record<string, Label> = TASK_LABELS;
export const MILESTONES: Record<string, Label> = MILESTONE_LABELS;
export const RATINGS: Record<string, Label> = RATING_LABELS;
export const EVENTS: Record<string, Label> = UNIT_EVENT_LABELS;
export const METRICS: Record<string, Label> = METRIC_LABELS;
export const UNIT_KINDS: Record<string, Label> = UNIT_KIND_LABELS;

export const LangContext = createContext<{ lang: Lang; setLang: (l: Lang) => void }>({ lang: 'vi', setLang: () => undefined });

/** The translator of the current language. */
export function useT(): {
  t: (k: Key) => string;
  f: <K extends FormatKey>(k: K, ...args: Parameters<(typeof F)[K][0]>) => string;
  l: (m: Record<string, Label>, k: string) => string;
  /** A task's name: the fixed tasks in the current language, a report round by its own title. */
  task: (kind: string, title?: string) => string;
  lang: Lang;
} {
  const { lang } = useContext(LangContext);
  const i = lang === 'vi' ? 0 : 1;
  return {
    t: (k) => T[k][i],
    // Both formatters of a key take the same arguments.
    f: (k, ...args) => (F[k][i] as (...a: typeof args) => string)(...args),
    l: (m, k) => m[k]?.[i] ?? k,
    task: (kind, title) => TASKS[kind]?.[i] ?? title ?? kind,
    lang,
  };
}
