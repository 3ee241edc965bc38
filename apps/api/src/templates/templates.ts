/** The templates shipped with the product, seeded into the database when the API starts. */
import {
  BINH_TAN_2019,
  BINH_TAN_2019_CRITERIA,
  BINH_TAN_2019_TEMPLATE_ID,
  WARD_2026,
  WARD_2026_TEMPLATE_ID,
  type CampaignDefinition,
} from '@thidua/contracts';

/** A built-in template. */
export interface BuiltinTemplate {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly historical: boolean;
  readonly definition: CampaignDefinition;
}

export const BUILTIN_TEMPLATES: readonly BuiltinTemplate[] = [
  {
    id: WARD_2026_TEMPLATE_ID,
    title: WARD_2026.title,
    description:
      'Mẫu theo chính quyền địa phương hai cấp (từ 01/7/2025), Luật Thi đua, khen thưởng 2022 và Nghị định 152/2025/NĐ-CP: ' +
      'Chủ tịch UBND phường phát động, Văn phòng HĐND và UBND phường theo dõi; báo cáo quý I, 6 tháng, 9 tháng, sơ kết 6 tháng và tổng kết; ' +
      'năm chỉ tiêu (tỷ lệ, phút, ngày làm việc, số vụ việc, có/không) cho cơ quan chuyên môn, đơn vị sự nghiệp và khu phố.',
    historical: false,
    // Deadlines of public administration are counted in working days, with office hours (07:30–17:00).
    definition: { ...WARD_2026, calendar: { workingDays: true } },
  },
  {
    id: BINH_TAN_2019_TEMPLATE_ID,
    title: BINH_TAN_2019.title,
    description:
      'Kế hoạch lịch sử (2019, trước khi bỏ cấp quận) của UBND quận Bình Tân: đăng ký, sơ kết, tổng kết; ' +
      'nhắc việc 7, 3, 1 ngày trước hạn, nhắc hằng ngày khi quá hạn, báo cáo lãnh đạo sau 3 ngày; báo cáo đối chiếu 5 chỉ tiêu của kế hoạch.',
    historical: true,
    // The plan's five targets as criteria: campaigns launched from the template check reports by them.
    // Campaigns launched before criteria were data keep the 2019 check they were recorded with.
    definition: { ...BINH_TAN_2019, criteria: BINH_TAN_2019_CRITERIA },
  },
];
