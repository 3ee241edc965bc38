/**
 * The law as dated data: each text a paper may cite (a law, a decree, a circular) with its number, date,
 * issuer and effective period, under the role it plays on the papers ("the law on emulation and
 * commendation", "the decree detailing it", "the base salary"). A paper cites, for each role, the text in
 * force on its own date; a new text of a role supersedes the older one from its effective date. The shipped
 * set is below; admins add a text when the law changes, without a release. Pure.
 */

/** What a text is cited for. */
export type LegalRole = 'local-government-law' | 'commendation-law' | 'commendation-decree' | 'commendation-circular' | 'base-salary';

export const LEGAL_ROLES: readonly LegalRole[] = [
  'local-government-law',
  'commendation-law',
  'commendation-decree',
  'commendation-circular',
  'base-salary',
];

export const LEGAL_ROLE_LABELS: Record<LegalRole, string> = {
  'local-government-law': 'Luật Tổ chức chính quyền địa phương',
  'commendation-law': 'Luật Thi đua, khen thưởng',
  'commendation-decree': 'Nghị định quy định chi tiết Luật Thi đua, khen thưởng',
  'commendation-circular': 'Thông tư hướng dẫn thi đua, khen thưởng',
  'base-salary': 'Mức lương cơ sở',
};

export type LegalKind = 'law' | 'decree' | 'circular';

export const LEGAL_KIND_LABELS: Record<LegalKind, string> = { law: 'Luật', decree: 'Nghị định', circular: 'Thông tư' };

/** One text, as its citation line reads it. */
export interface LegalText {
  /** A slug: "nd-152-2025". */
  readonly id: string;
  readonly role: LegalRole;
  readonly kind: LegalKind;
  /** "152/2025/NĐ-CP". */
  readonly number: string;
  /** Signed on (yyyy-MM-dd). */
  readonly issuedOn: string;
  /** "Chính phủ", "Quốc hội", "Bộ Nội vụ". */
  readonly issuer: string;
  /** What it is about, as cited after the number: "quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng". */
  readonly subject: string;
  /** In force from (yyyy-MM-dd, Asia/Ho_Chi_Minh). */
  readonly effectiveFrom: string;
  /** No longer in force from (yyyy-MM-dd); absent: until a newer text of its role takes over. */
  readonly effectiveUntil?: string;
  /** The articles the product relies on, for the reader: "Điều 30 (Hội đồng), Điều 50 (tiền thưởng)". */
  readonly articles?: string;
  /** For a base-salary text: the monthly base salary in đồng. */
  readonly amount?: number;
  /** Shipped with the product (not editable), or added by an admin. */
  readonly builtIn?: boolean;
}

/**
 * A date as official papers write it: "ngày 05 tháng 01 năm 2025", "ngày 14 tháng 6 năm 2025" (Nghị định
 * 30/2020/NĐ-CP: a day below 10 and a month below 3 take a leading zero).
 */
export function writtenDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `ngày ${String(d).padStart(d < 10 ? 2 : 1, '0')} tháng ${String(m).padStart(m < 3 ? 2 : 1, '0')} năm ${y}`;
}

/** "Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022", "Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ …". */
export function citation(t: LegalText): string {
  const dated = `số ${t.number} ${writtenDate(t.issuedOn)}`;
  return t.kind === 'law' ? `Luật ${t.subject} ${dated}` : `${LEGAL_KIND_LABELS[t.kind]} ${dated} của ${t.issuer} ${t.subject}`;
}

/** The text of `role` in force on `day` (yyyy-MM-dd): the latest to take effect on or before it and not ended; undefined: none. */
export function inForce(texts: readonly LegalText[], role: LegalRole, day: string): LegalText | undefined {
  return texts
    .filter((t) => t.role === role && t.effectiveFrom <= day && (t.effectiveUntil === undefined || day < t.effectiveUntil))
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom) || b.issuedOn.localeCompare(a.issuedOn))[0];
}

/**
 * The texts the product ships with. Numbers and dates from the texts' own headers; effective dates from their
 * final articles. Nghị định 152/2025/NĐ-CP could not be read in its original text while writing this: its
 * articles are named as secondary sources report them.
 */
export const BUILT_IN_LEGAL_TEXTS: readonly LegalText[] = [
  {
    id: 'luat-77-2015',
    role: 'local-government-law',
    kind: 'law',
    number: '77/2015/QH13',
    issuedOn: '2015-06-19',
    issuer: 'Quốc hội',
    subject: 'Tổ chức chính quyền địa phương',
    effectiveFrom: '2016-01-01',
  },
  {
    id: 'luat-65-2025',
    role: 'local-government-law',
    kind: 'law',
    number: '65/2025/QH15',
    issuedOn: '2025-02-19',
    issuer: 'Quốc hội',
    subject: 'Tổ chức chính quyền địa phương',
    effectiveFrom: '2025-03-01',
  },
  {
    id: 'luat-72-2025',
    role: 'local-government-law',
    kind: 'law',
    number: '72/2025/QH15',
    issuedOn: '2025-06-16',
    issuer: 'Quốc hội',
    subject: 'Tổ chức chính quyền địa phương',
    effectiveFrom: '2025-07-01',
  },
  {
    id: 'luat-06-2022',
    role: 'commendation-law',
    kind: 'law',
    number: '06/2022/QH15',
    issuedOn: '2022-06-15',
    issuer: 'Quốc hội',
    subject: 'Thi đua, khen thưởng',
    effectiveFrom: '2024-01-01',
    articles: 'Điều 16–17 (tổ chức phong trào thi đua), Điều 84 (hồ sơ khen thưởng)',
  },
  {
    id: 'nd-98-2023',
    role: 'commendation-decree',
    kind: 'decree',
    number: '98/2023/NĐ-CP',
    issuedOn: '2023-12-31',
    issuer: 'Chính phủ',
    subject: 'quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng',
    effectiveFrom: '2024-01-01',
    articles: 'khoản 7 Điều 30 (tỷ lệ phiếu của Hội đồng), Điều 46 (công khai)',
  },
  {
    id: 'nd-152-2025',
    role: 'commendation-decree',
    kind: 'decree',
    number: '152/2025/NĐ-CP',
    issuedOn: '2025-06-14',
    issuer: 'Chính phủ',
    subject: 'quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng',
    effectiveFrom: '2025-07-01',
    articles: 'Điều 50 (mức tiền thưởng, theo nguồn thứ cấp; chưa đối chiếu nguyên văn)',
  },
  {
    id: 'nd-24-2023',
    role: 'base-salary',
    kind: 'decree',
    number: '24/2023/NĐ-CP',
    issuedOn: '2023-05-14',
    issuer: 'Chính phủ',
    subject: 'quy định mức lương cơ sở đối với cán bộ, công chức, viên chức và lực lượng vũ trang',
    effectiveFrom: '2023-07-01',
    amount: 1_800_000,
  },
  {
    id: 'nd-73-2024',
    role: 'base-salary',
    kind: 'decree',
    number: '73/2024/NĐ-CP',
    issuedOn: '2024-06-30',
    issuer: 'Chính phủ',
    subject: 'quy định mức lương cơ sở và chế độ tiền thưởng đối với cán bộ, công chức, viên chức và lực lượng vũ trang',
    effectiveFrom: '2024-07-01',
    amount: 2_340_000,
  },
].map((t) => ({ ...(t as LegalText), builtIn: true }));
