/** The campaign templates the API offers. */
import { BINH_TAN_2019, BINH_TAN_2019_TEMPLATE_ID, type CampaignDefinition } from '../../../../libs/contracts/src/campaign';

/** A template and what it is. */
export interface CampaignTemplate {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly definition: CampaignDefinition;
}

export const TEMPLATES: readonly CampaignTemplate[] = [
  {
    id: BINH_TAN_2019_TEMPLATE_ID,
    title: BINH_TAN_2019.title,
    description:
      'Kế hoạch phát động phong trào thi đua cải cách hành chính năm 2019 của UBND quận Bình Tân: đăng ký, sơ kết, tổng kết; ' +
      'nhắc việc 7, 3, 1 ngày trước hạn, nhắc hằng ngày khi quá hạn, báo cáo lãnh đạo sau 3 ngày.',
    definition: BINH_TAN_2019,
  },
];

export function findTemplate(id: string): CampaignTemplate | undefined {
  return TEMPLATES.find((t) => t.id === id);
}
