/**
 * A current-law template for a ward (two-level local government since 1/7/2025; Law 06/2022/QH15 on
 * emulation and commendation, Decree 152/2025/NĐ-CP): issued by the chairman of the ward People's
 * Committee, coordinated by the ward's office of the People's Council and People's Committee, with
 * quarterly, 6-month and 9-month report rounds, a 6-month review meeting and a closing meeting, and
 * criteria of every kind a ward's plan states. The dates are an example year; a campaign shifts them.
 */
import type { Criterion, Meeting, ReportRound } from './criteria';
import { DEFAULT_CHASE, DEFAULT_TIMEZONE, type CampaignDefinition, type UnitRef } from './definition';

/** Id of the ward template. */
export const WARD_2026_TEMPLATE_ID = 'phuong-cds-cchc-2026';

/** The ward's own divisions, its public-service units and its neighbourhoods. */
export const WARD_2026_UNITS: readonly UnitRef[] = [
  { id: 'van-phong-hdnd-ubnd-phuong', name: 'Văn phòng HĐND và UBND phường', kind: 'agency' },
  { id: 'phong-kinh-te-ha-tang-do-thi', name: 'Phòng Kinh tế, Hạ tầng và Đô thị', kind: 'agency' },
  { id: 'phong-van-hoa-xa-hoi', name: 'Phòng Văn hóa – Xã hội', kind: 'agency' },
  { id: 'trung-tam-phuc-vu-hcc', name: 'Trung tâm Phục vụ hành chính công phường', kind: 'service-unit' },
  { id: 'tram-y-te-phuong', name: 'Trạm Y tế phường', kind: 'service-unit' },
  ...[1, 2, 3, 4, 5, 6].map((n) => ({ id: `khu-pho-${n}`, name: `Khu phố ${n}`, kind: 'neighbourhood' as const })),
];

/** The criteria: a percentage, a waiting time, working days, a count that must stay at zero, and a yes/no. */
export const WARD_2026_CRITERIA: readonly Criterion[] = [
  {
    id: 'ho-so-truc-tuyen',
    title: 'Tỷ lệ hồ sơ thủ tục hành chính nộp trực tuyến toàn trình',
    kind: 'percent',
    rule: { op: '>=', value: 90 },
    points: 30,
    appliesTo: ['agency', 'service-unit'],
  },
  {
    id: 'thoi-gian-cho',
    title: 'Thời gian chờ tiếp nhận hồ sơ tại bộ phận một cửa',
    kind: 'minutes',
    rule: { op: '<=', value: 30 },
    points: 20,
    appliesTo: ['service-unit'],
  },
  {
    id: 'tra-loi-phan-anh',
    title: 'Thời hạn trả lời phản ánh, kiến nghị của người dân',
    kind: 'working-days',
    rule: { op: '<=', value: 3 },
    points: 20,
  },
  { id: 'khieu-nai-vuot-cap', title: 'Khiếu nại, tố cáo vượt cấp, kéo dài', kind: 'count', rule: { op: '==', value: 0 }, points: 15 },
  {
    id: 'to-cong-nghe-so',
    title: 'Tổ công nghệ số cộng đồng hoạt động thường xuyên',
    kind: 'yes-no',
    rule: { op: '==', value: 1 },
    points: 15,
    appliesTo: ['neighbourhood'],
  },
];

/** Report rounds: the first quarter, six months and nine months (before the 16th of the month after). */
export const WARD_2026_REPORTS: readonly ReportRound[] = [
  { id: 'quy-1', title: 'Báo cáo kết quả quý I', due: '2026-04-06T00:00:00+07:00', cutoffAt: '2026-04-20T00:00:00+07:00' },
  { id: '6-thang', title: 'Báo cáo sơ kết 6 tháng', due: '2026-06-16T00:00:00+07:00', cutoffAt: '2026-06-30T00:00:00+07:00' },
  { id: '9-thang', title: 'Báo cáo kết quả 9 tháng', due: '2026-09-16T00:00:00+07:00', cutoffAt: '2026-09-30T00:00:00+07:00' },
];

/** Review meetings. */
export const WARD_2026_MEETINGS: readonly Meeting[] = [
  { id: 'so-ket-6-thang', title: 'Hội nghị sơ kết 6 tháng', at: '2026-07-10T08:00:00+07:00' },
  { id: 'tong-ket', title: 'Hội nghị tổng kết, khen thưởng', at: '2026-12-22T08:00:00+07:00' },
];

/** The ward template. */
export const WARD_2026: CampaignDefinition = {
  code: WARD_2026_TEMPLATE_ID,
  title: 'Phong trào thi đua đẩy mạnh chuyển đổi số, cải cách hành chính năm 2026',
  issuer: 'Chủ tịch Ủy ban nhân dân phường',
  coordinator: 'Văn phòng HĐND và UBND phường',
  timezone: DEFAULT_TIMEZONE,
  units: WARD_2026_UNITS,
  milestones: {
    launchAt: '2026-02-16T08:00:00+07:00',
    registrationDue: '2026-03-02T00:00:00+07:00',
    registrationCutoffAt: '2026-03-16T00:00:00+07:00',
    interimReviewAt: '2026-07-10T08:00:00+07:00',
    campaignEndsAt: '2026-12-01T00:00:00+07:00',
    finalReportDue: '2026-12-11T00:00:00+07:00',
    finalReportCutoffAt: '2026-12-21T00:00:00+07:00',
  },
  chase: DEFAULT_CHASE,
  criteria: WARD_2026_CRITERIA,
  reports: WARD_2026_REPORTS,
  meetings: WARD_2026_MEETINGS,
};
