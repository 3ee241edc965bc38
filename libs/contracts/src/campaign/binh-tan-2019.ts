/**
 * The built-in template: the 2019 administrative-reform campaign of Bình Tân District (../shared/seed).
 * Dates are the plan's; where the plan is silent (its issue date, late cut-offs, e-mails) the values are ours.
 */
import { DEFAULT_CHASE, DEFAULT_TIMEZONE, MILESTONE_ORDER, type CampaignDefinition, type Milestones, type UnitRef } from './definition';
import type { Criterion } from './criteria';
import { durationMs, formatDuration } from './duration';
import { slugify } from './text';

const agencies: Array<[string, string]> = [
  ['van-phong-hdnd-ubnd', 'Văn phòng HĐND và UBND quận'],
  ['phong-noi-vu', 'Phòng Nội vụ'],
  ['phong-tu-phap', 'Phòng Tư pháp'],
  ['phong-tai-chinh-ke-hoach', 'Phòng Tài chính – Kế hoạch'],
  ['phong-tai-nguyen-moi-truong', 'Phòng Tài nguyên và Môi trường'],
  ['phong-lao-dong-tbxh', 'Phòng Lao động – Thương binh và Xã hội'],
  ['phong-van-hoa-thong-tin', 'Phòng Văn hóa và Thông tin'],
  ['phong-giao-duc-dao-tao', 'Phòng Giáo dục và Đào tạo'],
  ['phong-y-te', 'Phòng Y tế'],
  ['thanh-tra-quan', 'Thanh tra quận'],
  ['phong-kinh-te', 'Phòng Kinh tế'],
  ['phong-quan-ly-do-thi', 'Phòng Quản lý đô thị'],
];
const serviceUnits: Array<[string, string]> = [
  ['trung-tam-y-te', 'Trung tâm Y tế quận'],
  ['benh-vien-quan', 'Bệnh viện quận Bình Tân'],
  ['ban-qlda-dtxd', 'Ban Quản lý dự án đầu tư xây dựng khu vực quận'],
  ['trung-tam-van-hoa-the-thao', 'Trung tâm Văn hóa – Thể thao quận'],
];
const wards = [
  'An Lạc',
  'An Lạc A',
  'Bình Hưng Hòa',
  'Bình Hưng Hòa A',
  'Bình Hưng Hòa B',
  'Bình Trị Đông',
  'Bình Trị Đông A',
  'Bình Trị Đông B',
  'Tân Tạo',
  'Tân Tạo A',
];

/** The 26 participating units of the plan. */
export const BINH_TAN_UNITS: readonly UnitRef[] = [
  ...agencies.map(([id, name]) => ({ id, name, kind: 'agency' as const, headEmail: `${id}@binhtan.example.vn` })),
  ...serviceUnits.map(([id, name]) => ({ id, name, kind: 'service-unit' as const, headEmail: `${id}@binhtan.example.vn` })),
  ...wards.map((w) => ({
    id: `ubnd-phuong-${slugify(w)}`,
    name: `UBND phường ${w}`,
    kind: 'ward' as const,
    headEmail: `ubnd-phuong-${slugify(w)}@binhtan.example.vn`,
  })),
];

/** The plan's milestones (Asia/Ho_Chi_Minh). */
export const BINH_TAN_2019_MILESTONES: Milestones = {
  launchAt: '2019-03-01T08:00:00+07:00',
  registrationDue: '2019-03-15T00:00:00+07:00',
  registrationCutoffAt: '2019-04-01T00:00:00+07:00',
  interimReviewAt: '2019-05-19T08:00:00+07:00',
  campaignEndsAt: '2019-11-02T00:00:00+07:00',
  finalReportDue: '2019-11-15T00:00:00+07:00',
  finalReportCutoffAt: '2019-12-01T00:00:00+07:00',
};

/** Id of the built-in template. */
export const BINH_TAN_2019_TEMPLATE_ID = 'binh-tan-cchc-2019';

/** The template exactly as planned in 2019. */
export const BINH_TAN_2019: CampaignDefinition = {
  code: 'binh-tan-cchc-2019',
  title: 'Năm đột phá cải cách hành chính và thực hiện thắng lợi Nghị quyết số 54/2017/QH14 của Quốc hội',
  issuer: 'Chủ tịch Ủy ban nhân dân quận Bình Tân',
  coordinator: 'Phòng Nội vụ quận Bình Tân',
  coordinatorEmail: 'phong-noi-vu@binhtan.example.vn',
  issuerEmail: 'chu-tich-ubnd@binhtan.example.vn',
  timezone: DEFAULT_TIMEZONE,
  units: BINH_TAN_UNITS,
  milestones: BINH_TAN_2019_MILESTONES,
  chase: DEFAULT_CHASE,
};

/** Options of {@link instantiateTemplate}. */
export interface TemplateOptions {
  /** New launch instant (ISO); the plan's offsets are kept relative to it. */
  readonly launchAt: string;
  /** How long one day of the plan lasts (ISO duration, e.g. PT1S); default P1D (real time). */
  readonly dayLength?: string;
  readonly code?: string;
}

/** The local day number of an instant in Viet Nam (UTC+7 all year: no daylight saving). */
const localDay = (ms: number): number => Math.floor((ms + 7 * 3_600_000) / 86_400_000);

/** The template shifted to start at `launchAt`, and optionally compressed (one plan day = `dayLength`). */
export function instantiateTemplate(template: CampaignDefinition, options: TemplateOptions): CampaignDefinition {
  const launch = Date.parse(options.launchAt);
  if (Number.isNaN(launch)) throw new Error(`launchAt "${options.launchAt}" is not an ISO-8601 instant`);
  const scale = durationMs(options.dayLength ?? 'P1D') / 86_400_000;
  const origin = Date.parse(template.milestones.launchAt);
  // In real time the plan moves by whole local days: its deadlines keep their hour ("trước ngày 15/3" stays at
  // 00:00), whatever the hour of the launch. Compressed, everything moves with the launch instant.
  const days = Math.round(localDay(launch) - localDay(origin));
  const shift = (iso: string): string =>
    new Date(scale === 1 ? Date.parse(iso) + days * 86_400_000 : launch + Math.round((Date.parse(iso) - origin) * scale)).toISOString();
  const milestones: { -readonly [K in keyof Milestones]: Milestones[K] } = { ...template.milestones };
  for (const name of MILESTONE_ORDER) {
    const at = template.milestones[name];
    if (at !== undefined) milestones[name] = shift(at);
  }
  milestones.launchAt = new Date(launch).toISOString();
  const scaleDuration = (d: string): string => formatDuration(durationMs(d) * scale);
  const reports = template.reports?.map((r) => ({ ...r, due: shift(r.due), ...(r.cutoffAt ? { cutoffAt: shift(r.cutoffAt) } : {}) }));
  const meetings = template.meetings?.map((m) => ({ ...m, at: shift(m.at) }));
  return {
    ...template,
    code: options.code ?? template.code,
    milestones,
    ...(reports ? { reports } : {}),
    ...(meetings ? { meetings } : {}),
    ...(options.dayLength && scale !== 1 ? { dayLength: options.dayLength } : {}),
    chase: {
      reminderOffsets: template.chase.reminderOffsets.map(scaleDuration),
      overdueReminderInterval: scaleDuration(template.chase.overdueReminderInterval),
      escalationDelay: scaleDuration(template.chase.escalationDelay),
    },
  };
}

/**
 * The plan's five targets (its paragraphs II.2.3 and II.2.4) as criteria: the same rules as the 2019 report
 * check in targets.ts, with the fourth as the range the plan states ("từ 30% đến 40%") and the response
 * time as its upper limit ("sau 02 giờ đến 05 ngày": at most 120 hours).
 */
export const BINH_TAN_2019_CRITERIA: readonly Criterion[] = [
  {
    id: 'hai-long-tthc',
    title: 'Mức độ hài lòng của Nhân dân và doanh nghiệp về thủ tục hành chính',
    kind: 'percent',
    rule: { op: '>', value: 80 },
    points: 20,
  },
  {
    id: 'ho-so-dung-hen',
    title: 'Tỷ lệ giải quyết hồ sơ đúng hẹn của từng lĩnh vực',
    kind: 'percent',
    rule: { op: '>', value: 98 },
    points: 20,
  },
  {
    id: 'hai-long-dich-vu-cong',
    title: 'Sự hài lòng với dịch vụ sự nghiệp công giáo dục, y tế',
    kind: 'percent',
    rule: { op: '>', value: 80 },
    points: 20,
    appliesTo: ['service-unit'],
  },
  {
    id: 'dvc-muc-do-3-4',
    title: 'Tỷ lệ thủ tục hành chính cung cấp dịch vụ công mức độ 3, 4',
    kind: 'percent',
    rule: { op: 'between', value: 30, max: 40 },
    points: 20,
  },
  {
    id: 'tra-loi-phan-anh',
    title: 'Thời hạn trả lời phản ánh, kiến nghị của người dân, doanh nghiệp',
    kind: 'hours',
    rule: { op: '<=', value: 120 },
    points: 20,
  },
];
