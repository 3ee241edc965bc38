/**
 * The commendation stage's papers as PDF, from the data only: tờ trình, danh sách đề nghị khen thưởng, biên
 * bản họp Hội đồng, quyết định and one giấy khen per awardee. The administrative layout of Nghị định
 * 30/2020/NĐ-CP (issuer and national motto side by side, number and place-date line, title, body, "Nơi
 * nhận" and the signature block). pdfkit 0.20 embeds a subset of DejaVu Serif (npm `dejavu-fonts-ttf`, which
 * covers every Vietnamese letter): the files are the same on every machine, no system font involved.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import {
  BUILT_IN_LEGAL_TEXTS,
  citation,
  describeAttachment,
  describeVoteRule,
  formOf,
  inForce,
  isoWithOffset,
  type Decision,
  type LegalRole,
  type LegalText,
  listedNominees,
  nomineeName,
  type Attachment,
  type CommendationState,
  type Nominee,
  type RankedSheet,
} from '@thidua/contracts';
import { figures, inWords, multipleText, rewardAmount } from './money';

const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

/**
 * DejaVu Serif, parsed once per process by fontkit (pdfkit's own font reader, given the parsed font): parsing
 * the three files for each paper cost ~25 ms of the ~30 ms a one-page paper takes, which a decision with a
 * certificate per awardee pays once per awardee. fontkit caches each glyph with the characters it was first
 * asked for; a previous paper's subset asks for the letters inside accented ones (the "Y" of "Ỷ") with none,
 * and pdfkit would then write no text for them: the cache is emptied for each paper (a paper is rendered
 * synchronously from its first line to its end, so papers never share it).
 */
type Fonts = Record<'regular' | 'bold' | 'italic', fontkit.Font>;
let parsed: Fonts | undefined;
function fonts(): Fonts {
  const open = (file: string) => fontkit.create(readFileSync(join(FONT_DIR, file))) as fontkit.Font;
  parsed ??= { regular: open('DejaVuSerif.ttf'), bold: open('DejaVuSerif-Bold.ttf'), italic: open('DejaVuSerif-Italic.ttf') };
  for (const font of Object.values(parsed)) (font as unknown as { _glyphs: Record<number, unknown> })._glyphs = {};
  return parsed;
}

/** The papers there are. */
export const PAPERS = ['to-trinh', 'danh-sach', 'bien-ban', 'quyet-dinh', 'giay-khen'] as const;
export type Paper = (typeof PAPERS)[number];

/** File names and titles, for downloads and the console. */
export const PAPER_TITLES: Record<Paper, string> = {
  'to-trinh': 'Tờ trình đề nghị khen thưởng',
  'danh-sach': 'Danh sách đề nghị khen thưởng',
  'bien-ban': 'Biên bản họp Hội đồng Thi đua – Khen thưởng',
  'quyet-dinh': 'Quyết định khen thưởng',
  'giay-khen': 'Giấy khen',
};

/** Why a paper cannot be made yet (undefined: it can). */
export function paperNotReady(paper: Paper, state: CommendationState): string | undefined {
  const active = state.nominees.filter((n) => n.status !== 'removed');
  if (paper === 'danh-sach' && active.length === 0) return 'Chưa có đề nghị khen thưởng nào';
  if (paper === 'bien-ban' && !active.some((n) => n.vote)) return 'Hội đồng chưa bỏ phiếu';
  if (paper === 'to-trinh' && !state.posting) return 'Tờ trình lập sau khi công khai danh sách';
  if ((paper === 'quyet-dinh' || paper === 'giay-khen') && !state.decision) return 'Chưa ban hành quyết định khen thưởng';
  return undefined;
}

/** An instant's day, month, year and time in `tz`, as a paper writes them (read off its ISO 8601 form with offset). */
const local = (iso: string, tz: string): { d: string; m: string; y: string; hm: string } => {
  const at = isoWithOffset(new Date(iso), tz); // yyyy-MM-ddTHH:mm:ss+07:00
  return { d: at.slice(8, 10), m: at.slice(5, 7), y: at.slice(0, 4), hm: `${at.slice(11, 13)} giờ ${at.slice(14, 16)}` };
};
const dateLine = (place: string, iso: string, tz: string): string => {
  const { d, m, y } = local(iso, tz);
  return `${place}, ngày ${d} tháng ${m} năm ${y}`;
};
const dmy = (iso: string, tz: string): string => {
  const { d, m, y } = local(iso, tz);
  return `${d}/${m}/${y}`;
};
const upper = (s: string): string => s.toLocaleUpperCase('vi');

/** The day (yyyy-MM-dd) of an instant in `tz`. */
export const dayOf = (iso: string, tz: string): string => {
  const { d, m, y } = local(iso, tz);
  return `${y}-${m}-${d}`;
};

/** The text of `role` in force on the paper's day, among the shipped and the added texts. */
export function lawOn(law: readonly LegalText[], role: LegalRole, day: string): LegalText | undefined {
  return inForce(law, role, day);
}

/** The decree detailing the Law on Emulation and Commendation in force on `day`: its citation (98/2023 before 01/07/2025, 152/2025 from then). */
export const decreeInForce = (day: string, law: readonly LegalText[] = BUILT_IN_LEGAL_TEXTS): string | undefined => {
  const text = inForce(law, 'commendation-decree', day);
  return text && citation(text);
};

/** How a paper is made: for one awardee only, with which legal texts, as a dated draft, with a visible signature. */
export interface PaperOptions {
  /** The one awardee whose certificate is wanted. */
  readonly only?: string;
  /** The shipped and added legal texts (default: the shipped ones). */
  readonly law?: readonly LegalText[];
  /** A draft decision (dự thảo) dated this day (yyyy-MM-dd), before one is issued. */
  readonly draftOn?: string;
  /** The visible form of the digital signature, drawn where the signer signs. */
  readonly mark?: SignatureMark;
}

/** What the page shows of a digital signature: the signer's image in blue, the seal in red over its left third, the time. */
export interface SignatureMark {
  /** The certificate's subject (its common name). */
  readonly signer: string;
  /** The organisation whose seal it is. */
  readonly organisation: string;
  /** Signing time, ISO 8601 with the offset ("2026-12-05T09:30:00+07:00"). */
  readonly at: string;
  /** PNG of the signer's signature; absent: the signer's name, in blue. */
  readonly signatureImage?: Buffer;
  /** PNG of the seal; absent: a drawn seal with the organisation's name. */
  readonly sealImage?: Buffer;
}

/** Each awardee's money: the form's multiple of the base salary in force on `day`; undefined where the form gives none. */
export function awards(
  state: CommendationState,
  nominees: readonly Nominee[],
  law: readonly LegalText[],
  day: string,
): { base?: LegalText; rows: Array<{ nominee: Nominee; multiple?: number; amount?: number }>; total: number } {
  const base = inForce(law, 'base-salary', day);
  const rows = nominees.map((n) => {
    const multiple = formOf(state, n.formId)?.reward;
    return multiple !== undefined && base?.amount !== undefined
      ? { nominee: n, multiple, amount: rewardAmount(multiple, base.amount) }
      : { nominee: n };
  });
  return { ...(base ? { base } : {}), rows, total: rows.reduce((sum, r) => sum + (r.amount ?? 0), 0) };
}

type Doc = PDFKit.PDFDocument;
const MARGIN = { top: 57, bottom: 57, left: 85, right: 57 }; // 2 cm, 3 cm, 2 cm (Nghị định 30/2020: top/bottom 2–2.5 cm, left 3–3.5 cm, right 1.5–2 cm)

/** What the XMP metadata says of a paper besides its title: its number, date and issuer. */
interface PaperMeta {
  readonly subject?: string;
  readonly author?: string;
  readonly keywords?: string;
  readonly createdAt?: string;
}

/** XMP is written as text by pdfkit: the five characters XML reserves are escaped here. */
const xml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

/** A paper as PDF/A-2b (fonts embedded, sRGB output intent, XMP metadata): what archives keep. */
function newDoc(title: string, layout: 'portrait' | 'landscape' = 'portrait', meta: PaperMeta = {}): Doc {
  const doc = new PDFDocument({
    size: 'A4',
    layout,
    margins: MARGIN,
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    info: {
      Title: xml(title),
      Creator: 'Thi đua – Khen thưởng',
      Producer: 'Thi đua – Khen thưởng',
      ...(meta.subject ? { Subject: xml(meta.subject) } : {}),
      ...(meta.author ? { Author: xml(meta.author) } : {}),
      ...(meta.keywords ? { Keywords: xml(meta.keywords) } : {}),
      ...(meta.createdAt ? { CreationDate: new Date(meta.createdAt) } : {}),
    },
  });
  const { regular, bold, italic } = fonts();
  // pdfkit takes a parsed fontkit font (its types list only paths and buffers).
  const font = (f: fontkit.Font) => f as unknown as PDFKit.Mixins.PDFFontSource;
  doc.registerFont('r', font(regular)).registerFont('b', font(bold)).registerFont('i', font(italic));
  doc.font('r').fontSize(12);
  return doc;
}

async function finish(doc: Doc): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** The header: issuer (and the drafting office) on the left with the number, the national motto on the right, the place-date line. */
function header(doc: Doc, state: CommendationState, number: string, at: string | undefined, office?: string): void {
  const { issuer } = state.setup;
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const left = width * 0.38; // DejaVu Serif is wider than Times New Roman: the motto needs the room
  const top = doc.y;
  const [org, ...rest] = upper(issuer.name).split(/\s+(?=PHƯỜNG|XÃ|THỊ TRẤN|QUẬN|HUYỆN|TỈNH|THÀNH PHỐ)/);
  doc
    .font(office ? 'r' : 'b')
    .fontSize(11)
    .text(office ? upper(issuer.name) : org, MARGIN.left, top, { width: left, align: 'center' });
  doc
    .font('b')
    .fontSize(11)
    .text(office ? upper(office) : rest.join(' ') || ' ', { width: left, align: 'center' });
  doc
    .font('r')
    .fontSize(12)
    .text(`Số: ${number}`, MARGIN.left, doc.y + 6, { width: left, align: 'center' });
  const leftBottom = doc.y;
  doc
    .font('b')
    .fontSize(11)
    .text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', MARGIN.left + left, top, { width: width - left, align: 'center' });
  doc
    .font('b')
    .fontSize(12)
    .text('Độc lập - Tự do - Hạnh phúc', { width: width - left, align: 'center', underline: true });
  doc
    .font('i')
    .fontSize(12)
    .text(
      at
        ? dateLine(issuer.place, at, state.timezone)
        : `${issuer.place}, ngày      tháng      năm ${local(new Date().toISOString(), state.timezone).y}`,
      MARGIN.left + left,
      doc.y + 6,
      { width: width - left, align: 'center' },
    );
  doc.y = Math.max(leftBottom, doc.y) + 18;
  doc.x = MARGIN.left;
}

function title(doc: Doc, main: string, sub?: string): void {
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  doc.font('b').fontSize(14).text(main, MARGIN.left, doc.y, { width, align: 'center' });
  if (sub) doc.font('b').fontSize(13).text(sub, { width, align: 'center' });
  doc.moveDown(1);
  doc.font('r').fontSize(13);
}

function paragraph(doc: Doc, text: string, options: { font?: 'r' | 'b' | 'i'; indent?: boolean } = {}): void {
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  doc
    .font(options.font ?? 'r')
    .fontSize(13)
    .text(text, MARGIN.left, doc.y, { width, align: 'justify', indent: options.indent === false ? 0 : 28, paragraphGap: 4 });
}

/** "Nơi nhận" on the left, the signer on the right; a digital signature's visible form between title and name. */
function signature(doc: Doc, role: string, name: string, recipients: readonly string[], signed: boolean, mark?: SignatureMark): void {
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  if (doc.y > doc.page.height - MARGIN.bottom - 170) doc.addPage();
  doc.moveDown(1);
  const top = doc.y;
  if (recipients.length || signed) {
    doc
      .font('b')
      .fontSize(12)
      .text('Nơi nhận:', MARGIN.left, top, { width: width / 2 });
    doc.font('r').fontSize(11);
    for (const r of recipients) doc.text(`- ${r};`, { width: width / 2 });
    doc.text('- Lưu: VT.', { width: width / 2 });
  }
  const column = { x: MARGIN.left + width / 2, width: width / 2 };
  doc.font('b').fontSize(13).text(upper(role), column.x, top, { width: column.width, align: 'center' });
  if (mark) {
    drawMark(doc, mark, column.x, doc.y + 4, column.width, name);
  } else {
    doc
      .font('i')
      .fontSize(12)
      .text(signed ? '(Đã ký)' : '(Ký, ghi rõ họ tên)', { width: column.width, align: 'center' });
    doc.moveDown(3);
  }
  doc.font('b').fontSize(13).fillColor('black').text(name, column.x, doc.y, { width: column.width, align: 'center' });
  doc.x = MARGIN.left;
}

const BLUE = '#1a3fa6';
const RED = '#c8102e';

/**
 * The visible form of a digital signature: the signer's image in blue in the middle of the column, the seal in
 * red over its left third, and below them the signer, the organisation and the signing time (ISO 8601).
 * Leaves doc.y under it.
 */
function drawMark(doc: Doc, mark: SignatureMark, x: number, y: number, width: number, signerName: string): void {
  const height = 70;
  const sigWidth = width * 0.62;
  const sigX = x + (width - sigWidth) / 2;
  if (mark.signatureImage) doc.image(mark.signatureImage, sigX, y, { fit: [sigWidth, height], align: 'center', valign: 'center' });
  else
    doc
      .font('i')
      .fontSize(15)
      .fillColor(BLUE)
      .text(signerName, sigX, y + height / 2 - 10, { width: sigWidth, align: 'center' });
  const seal = 74;
  const sealX = sigX + sigWidth / 3 - seal / 2 - 6;
  if (mark.sealImage) doc.image(mark.sealImage, sealX, y - 2, { fit: [seal, seal] });
  else drawSeal(doc, mark.organisation, sealX + seal / 2, y - 2 + seal / 2, seal / 2);
  doc
    .font('r')
    .fontSize(7.5)
    .fillColor(BLUE)
    .text(`Ký bởi: ${mark.signer}`, x, y + height + 6, { width, align: 'center' })
    .text(`Cơ quan: ${mark.organisation}`, { width, align: 'center' })
    .text(`Thời gian ký: ${mark.at}`, { width, align: 'center' });
  doc.fillColor('black');
  doc.y += 8;
}

/** A seal drawn in red when no image was given: two rings, the organisation's name across, a star. */
function drawSeal(doc: Doc, organisation: string, cx: number, cy: number, r: number): void {
  doc.save().opacity(0.85).lineWidth(2).strokeColor(RED).circle(cx, cy, r).stroke();
  doc
    .lineWidth(0.8)
    .circle(cx, cy, r - 5)
    .stroke();
  const star = Array.from({ length: 10 }, (_, k) => {
    const radius = k % 2 === 0 ? 7 : 3;
    const angle = -Math.PI / 2 + (k * Math.PI) / 5;
    return [cx + radius * Math.cos(angle), cy - r / 2.4 + radius * Math.sin(angle)] as [number, number];
  });
  doc
    .polygon(...star)
    .fillColor(RED)
    .fill();
  doc
    .font('b')
    .fontSize(6)
    .fillColor(RED)
    .text(upper(organisation), cx - r + 9, cy - 6, { width: 2 * r - 18, align: 'center' });
  doc.restore();
  doc.fillColor('black').strokeColor('black');
}

/** A table with wrapped cells and a repeated header row on each new page. */
function table(
  doc: Doc,
  columns: ReadonlyArray<{ title: string; width: number; align?: 'left' | 'center' | 'right' }>,
  rows: ReadonlyArray<readonly string[]>,
): void {
  const total = columns.reduce((s, c) => s + c.width, 0);
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const widths = columns.map((c) => (c.width / total) * width);
  const pad = 3;
  const drawRow = (cells: readonly string[], font: 'r' | 'b'): void => {
    doc.font(font).fontSize(10.5);
    const height = Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: widths[i] - 2 * pad }))) + 2 * pad;
    if (doc.y + height > doc.page.height - MARGIN.bottom) {
      doc.addPage();
      if (font === 'r')
        drawRow(
          columns.map((c) => c.title),
          'b',
        );
      doc.font(font).fontSize(10.5);
    }
    const y = doc.y;
    let x = MARGIN.left;
    cells.forEach((c, i) => {
      doc.rect(x, y, widths[i], height).stroke();
      doc.text(c || ' ', x + pad, y + pad, { width: widths[i] - 2 * pad, align: font === 'b' ? 'center' : (columns[i].align ?? 'left') });
      x += widths[i];
    });
    doc.x = MARGIN.left;
    doc.y = y + height;
  };
  drawRow(
    columns.map((c) => c.title),
    'b',
  );
  for (const r of rows) drawRow(r, 'r');
  doc.moveDown(1);
}

/** The clusters' meetings, as the minutes record them: each round's counts, who was elected, and the chair's choice on a tie. */
function clusterRounds(doc: PDFKit.PDFDocument, state: CommendationState): void {
  const rounds = state.clusterRounds ?? [];
  if (rounds.length === 0) return;
  const name = (id: string): string => state.units.find((u) => u.unitId === id)?.name ?? id;
  paragraph(doc, 'Kết quả bình chọn của các cụm, khối thi đua (đơn vị dẫn đầu được cụm đề nghị):', { font: 'b' });
  for (const r of rounds) {
    const cluster = state.clusters?.find((c) => c.id === r.clusterId);
    const counts = r.counts.map((c) => `${name(c.unitId)} ${c.inFavour}/${r.present} phiếu (${c.score} điểm)`).join('; ');
    const chosen = r.elected.length ? r.elected.map(name).join(', ') : 'không có đơn vị nào đạt';
    paragraph(
      doc,
      `- ${cluster?.name ?? r.clusterId}, vòng ${r.round}: có mặt ${r.present}/${r.seats} đại biểu; ${counts}. Được chọn: ${chosen}${r.tiedByChair ? ` (bằng điểm, Chủ tịch hội nghị quyết định)` : ''}.`,
    );
  }
}

const percent = (n: Nominee): string => (n.vote ? `${String(n.vote.percent).replace('.', ',')}%` : '');
const sheetOf = (sheets: readonly RankedSheet[], unitId: string): RankedSheet | undefined => sheets.find((s) => s.unitId === unitId);

/** The nominees to list on a paper: the awarded once decided, the posted list once posted, else every active nomination. */
export function listed(state: CommendationState): Nominee[] {
  if (state.decision) return state.decision.awarded.map((id) => state.nominees.find((n) => n.id === id)!);
  return state.posting ? listedNominees(state) : state.nominees.filter((n) => n.status !== 'removed');
}

/** The cluster a nominee leads, as papers name it ("Cụm thi đua số 1"); undefined when no cluster proposed it. */
export function clusterOf(state: CommendationState, n: Nominee): string | undefined {
  return n.clusterId === undefined ? undefined : (state.clusters?.find((c) => c.id === n.clusterId)?.name ?? n.clusterId);
}

/** The money column of one awardee: "1,0 × 2.340.000 = 2.340.000"; empty where the form gives none. */
function moneyCell(row: { multiple?: number; amount?: number }, base: LegalText | undefined): string {
  return row.amount === undefined ? '' : `${multipleText(row.multiple!)} × ${figures(base!.amount!)} = ${figures(row.amount)}`;
}

/** The rows of a proposal list (danh sách, tờ trình): who, what for, the achievement, the vote, the money. */
function nomineeRows(
  state: CommendationState,
  nominees: readonly Nominee[],
  sheets: readonly RankedSheet[],
  law: readonly LegalText[],
  day: string,
): string[][] {
  const money = awards(state, nominees, law, day);
  return nominees.map((n, i) => {
    const sheet = sheetOf(sheets, n.unitId);
    return [
      ...who(state, n, i),
      n.person
        ? n.person.achievement + (n.person.initiative ? ` Sáng kiến: ${n.person.initiative}` : '')
        : sheet
          ? `Tổng điểm ${sheet.total}/${sheet.max}, xếp hạng ${sheet.rank}`
          : '',
      percent(n),
      money.rows[i].amount === undefined ? '' : figures(money.rows[i].amount),
    ];
  });
}

/** The first four cells of a row: number, name, position or collective, form. */
function who(state: CommendationState, n: Nominee, i: number): string[] {
  const cluster = clusterOf(state, n);
  return [
    String(i + 1),
    n.person ? n.person.name : n.unitName,
    n.person ? `${n.person.position}, ${n.unitName}` : cluster ? `Tập thể dẫn đầu ${cluster}` : 'Tập thể',
    formOf(state, n.formId)?.title ?? n.formId,
  ];
}

/** The rows of the decision's annex: who, what for, and the money as it is counted ("1,0 × 2.340.000 = 2.340.000"). */
function annexRows(state: CommendationState, nominees: readonly Nominee[], law: readonly LegalText[], day: string): string[][] {
  const money = awards(state, nominees, law, day);
  return nominees.map((n, i) => [...who(state, n, i), moneyCell(money.rows[i], money.base)]);
}

/** Under a list: the money in all, in figures and in words, and the base salary it is counted from. */
function moneyTotal(doc: Doc, state: CommendationState, nominees: readonly Nominee[], law: readonly LegalText[], day: string): void {
  const money = awards(state, nominees, law, day);
  if (!money.base?.amount || !money.rows.some((r) => r.amount !== undefined)) return;
  paragraph(doc, `Tổng số tiền thưởng: ${figures(money.total)} đồng (Bằng chữ: ${inWords(money.total)}).`, { font: 'b', indent: false });
  paragraph(
    doc,
    `Tiền thưởng tính theo mức lương cơ sở ${figures(money.base.amount)} đồng (${citation(money.base)}), làm tròn lên hàng chục nghìn đồng.`,
    { font: 'i', indent: false },
  );
}

const LIST_COLUMNS = [
  { title: 'STT', width: 6, align: 'center' as const },
  { title: 'Tập thể / Họ và tên', width: 19 },
  { title: 'Chức vụ, đơn vị', width: 17 },
  { title: 'Hình thức khen thưởng', width: 18 },
  { title: 'Thành tích', width: 24 },
  { title: 'Tỷ lệ phiếu', width: 9, align: 'center' as const },
  { title: 'Tiền thưởng (đồng)', width: 12, align: 'right' as const },
];

const ANNEX_COLUMNS = [
  { title: 'STT', width: 6, align: 'center' as const },
  { title: 'Tập thể / Họ và tên', width: 24 },
  { title: 'Chức vụ, đơn vị', width: 24 },
  { title: 'Hình thức khen thưởng', width: 22 },
  { title: 'Tiền thưởng (hệ số × mức lương cơ sở, đồng)', width: 24, align: 'right' as const },
];

/**
 * "Hồ sơ kèm theo": each listed nominee's achievement report and the council's minutes, by kind, template, file
 * name, size and the first characters of its SHA-256 (a reader of the paper can tell the file it names).
 */
function enclosures(doc: Doc, state: CommendationState, nominees: readonly Nominee[]): void {
  const lines = [
    ...nominees
      .filter((n) => n.achievementReport)
      .map((n) => `${n.person ? n.person.name : n.unitName} — ${enclosure(n.achievementReport!)}`),
    ...(state.minutes ?? []).map((m) => `Hội đồng Thi đua – Khen thưởng — ${enclosure(m)}`),
  ];
  if (!lines.length) return;
  paragraph(doc, 'Hồ sơ kèm theo:', { font: 'b', indent: false });
  lines.forEach((line, i) => paragraph(doc, `${i + 1}. ${line}.`, { indent: false }));
}

const enclosure = (a: Attachment): string => `${describeAttachment(a)} (SHA-256 ${a.sha256.slice(0, 12)}…)`;

/** Renders one paper. `sheets`: the ranked score sheets the stage works with (the frozen ones once posted). */
export async function renderPaper(
  paper: Paper,
  state: CommendationState,
  sheets: readonly RankedSheet[],
  options: PaperOptions = {},
): Promise<Buffer> {
  const { issuer } = state.setup;
  const tz = state.timezone;
  const campaign = state.campaignTitle;
  const law = options.law ?? BUILT_IN_LEGAL_TEXTS;
  const { only, mark } = options;
  const decision = (): Decision => state.decision ?? draftDecision(state, options.draftOn ?? dayOf(new Date().toISOString(), tz));
  const dated = paper === 'quyet-dinh' || paper === 'giay-khen' ? decision() : undefined;
  const doc = newDoc(
    dated ? `${PAPER_TITLES[paper]} số ${dated.numberText}` : PAPER_TITLES[paper],
    paper === 'giay-khen' ? 'landscape' : 'portrait',
    dated
      ? {
          subject: `${PAPER_TITLES[paper]} số ${dated.numberText} ngày ${dmy(dated.issuedAt, tz)} về ${campaign}`,
          author: issuer.name,
          keywords: `${dated.numberText}; ${dayOf(dated.issuedAt, tz)}; ${issuer.name}`,
          createdAt: dated.issuedAt,
        }
      : { author: issuer.name },
  );
  const listDay = dayOf(state.posting?.postedAt ?? new Date().toISOString(), tz);
  switch (paper) {
    case 'danh-sach': {
      header(doc, state, '', state.posting?.postedAt);
      title(doc, 'DANH SÁCH', `Đề nghị khen thưởng tập thể, cá nhân có thành tích trong ${campaign}`);
      table(doc, LIST_COLUMNS, nomineeRows(state, listed(state), sheets, law, listDay));
      moneyTotal(doc, state, listed(state), law, listDay);
      paragraph(
        doc,
        `Danh sách gồm ${listed(state).filter((n) => !n.person).length} tập thể và ${listed(state).filter((n) => n.person).length} cá nhân.`,
        { font: 'i', indent: false },
      );
      enclosures(doc, state, listed(state));
      signature(doc, `TM. ${state.coordinator}`, '', [], false);
      break;
    }
    case 'bien-ban': {
      const council = state.council!;
      const voted = state.nominees.filter((n) => n.vote && n.status !== 'removed');
      const t = local(council.meetingAt, tz);
      header(doc, state, '', council.meetingAt, 'Hội đồng Thi đua – Khen thưởng');
      title(doc, 'BIÊN BẢN', `Họp Hội đồng Thi đua – Khen thưởng xét khen thưởng ${campaign}`);
      paragraph(doc, `Thời gian: ${t.hm}, ngày ${t.d}/${t.m}/${t.y}.${council.place ? ` Địa điểm: ${council.place}.` : ''}`);
      paragraph(doc, `Thành phần: Hội đồng có ${council.members.length} thành viên:`);
      for (const m of council.members) paragraph(doc, `- ${m.name}, ${m.role};`);
      paragraph(
        doc,
        'Hội đồng đã xem xét bảng chấm điểm, báo cáo thành tích và hồ sơ đề nghị; tiến hành bỏ phiếu kín. Kết quả kiểm phiếu:',
      );
      // The column of written opinions only where absent members gave some.
      const written = voted.some((n) => n.vote!.written);
      table(
        doc,
        [
          { title: 'STT', width: 5, align: 'center' },
          { title: 'Tập thể / cá nhân', width: 22 },
          { title: 'Hình thức', width: written ? 17 : 22 },
          { title: 'Có mặt', width: 8, align: 'center' },
          { title: written ? 'Đồng ý tại họp' : 'Đồng ý', width: 8, align: 'center' },
          ...(written ? [{ title: 'Ý kiến bằng văn bản', width: 10, align: 'center' as const }] : []),
          { title: 'Tỷ lệ', width: 9, align: 'center' },
          { title: 'Cần đạt', width: 9, align: 'center' },
          { title: 'Kết quả', width: 13, align: 'center' },
        ],
        voted.map((n, i) => [
          String(i + 1),
          nomineeName(n),
          formOf(state, n.formId)?.title ?? n.formId,
          `${n.vote!.present}/${n.vote!.members}`,
          String(n.vote!.inFavour),
          ...(written ? [n.vote!.written ? `${n.vote!.written.inFavour}/${n.vote!.written.received} đồng ý` : ''] : []),
          percent(n),
          `${n.vote!.needed} phiếu`,
          (!n.vote!.quorate ? 'Không đủ số thành viên' : n.vote!.passed ? 'Đạt' : 'Không đạt') +
            (n.vote!.round ? ` (vòng ${n.vote!.round})` : ''),
        ]),
      );
      for (const n of voted.filter((v) => v.vote!.written)) paragraph(doc, writtenOpinions(state, n));
      clusterRounds(doc, state);
      const rules = [...new Set(voted.map((n) => n.formId))].map((id) => formOf(state, id)).filter((f) => f !== undefined);
      paragraph(doc, 'Căn cứ tỷ lệ phiếu:', { font: 'b' });
      const lines = new Set(rules.map((f) => `- ${f.title}: ${describeVoteRule(f.vote)} (${f.legalBasis}).`));
      for (const line of lines) paragraph(doc, line);
      paragraph(doc, `Biên bản kết thúc lúc ${t.hm} cùng ngày, đã thông qua toàn thể thành viên dự họp.`);
      const chair = council.members.find((m) => /chủ tịch/i.test(m.role) && !/phó/i.test(m.role)) ?? council.members[0];
      signature(doc, 'Chủ tịch Hội đồng', chair.name, [], false);
      break;
    }
    case 'to-trinh': {
      const list = listed(state);
      header(doc, state, `      /TTr-${issuer.abbreviation}`, undefined, state.coordinator);
      title(doc, 'TỜ TRÌNH', `Về việc đề nghị khen thưởng tập thể, cá nhân có thành tích trong ${campaign}`);
      paragraph(doc, `Kính gửi: ${issuer.signerTitle} ${issuer.name}.`, { font: 'b', indent: false });
      paragraph(
        doc,
        `Thực hiện kế hoạch tổ chức ${campaign}, ${state.coordinator} đã tổng hợp kết quả chấm điểm, xếp hạng của ${state.units.length} đơn vị tham gia; Hội đồng Thi đua – Khen thưởng đã họp, bỏ phiếu kín; danh sách được công khai ${state.posting!.days} ngày${state.posting!.workingDays ? ' làm việc' : ''} (từ ${dmy(state.posting!.postedAt, tz)} đến ${dmy(state.posting!.endsAt, tz)}).`,
      );
      const objections = state.objections;
      paragraph(
        doc,
        objections.length
          ? `Trong thời gian công khai có ${objections.length} ý kiến; đã xem xét, xử lý: ${objections.map((o) => `${o.status === 'upheld' ? 'chấp nhận' : o.status === 'dismissed' ? 'giữ nguyên đề nghị' : 'đang xử lý'} (${o.resolution ?? o.reason})`).join('; ')}.`
          : 'Trong thời gian công khai không có ý kiến phản ánh.',
      );
      paragraph(
        doc,
        `Kính trình ${issuer.signerTitle} xem xét, quyết định khen thưởng ${list.filter((n) => !n.person).length} tập thể và ${list.filter((n) => n.person).length} cá nhân (có danh sách kèm theo):`,
      );
      table(doc, LIST_COLUMNS, nomineeRows(state, list, sheets, law, listDay));
      moneyTotal(doc, state, list, law, listDay);
      signature(doc, `TM. ${state.coordinator}`, '', [issuer.name], false);
      break;
    }
    case 'quyet-dinh': {
      const d = decision();
      const day = dayOf(d.issuedAt, tz);
      const list = state.decision ? listed(state) : listedNominees(state);
      const draft = !state.decision;
      if (draft) doc.font('b').fontSize(12).text('DỰ THẢO', { align: 'right' });
      header(doc, state, d.numberText, draft ? undefined : d.issuedAt);
      title(doc, 'QUYẾT ĐỊNH', `Về việc khen thưởng tập thể, cá nhân có thành tích trong ${campaign}`);
      doc
        .font('b')
        .fontSize(13)
        .text(upper(`${issuer.signerTitle} ${issuer.name}`), { align: 'center' });
      doc.moveDown(0.5);
      for (const text of citedTexts(law, day)) paragraph(doc, `Căn cứ ${citation(text)};`, { font: 'i' });
      paragraph(doc, `Xét kết quả họp Hội đồng Thi đua – Khen thưởng và đề nghị của ${state.coordinator}.`, { font: 'i' });
      doc.font('b').fontSize(14).text('QUYẾT ĐỊNH:', { align: 'center' });
      doc.moveDown(0.5);
      const byForm = new Map<string, Nominee[]>();
      for (const n of list) byForm.set(n.formId, [...(byForm.get(n.formId) ?? []), n]);
      const given = [...byForm.entries()].map(
        ([formId, ns]) =>
          `${formOf(state, formId)?.title ?? formId} cho ${ns.filter((n) => !n.person).length ? `${ns.filter((n) => !n.person).length} tập thể` : ''}${ns.some((n) => !n.person) && ns.some((n) => n.person) ? ' và ' : ''}${ns.filter((n) => n.person).length ? `${ns.filter((n) => n.person).length} cá nhân` : ''}`,
      );
      paragraph(doc, `Điều 1. Tặng ${given.join('; ')} đã có thành tích trong ${campaign} (có danh sách kèm theo).`);
      const leaders = list.filter((n) => clusterOf(state, n));
      if (leaders.length)
        paragraph(
          doc,
          `Trong đó, đơn vị dẫn đầu các cụm, khối thi đua: ${leaders.map((n) => `${n.unitName} (${clusterOf(state, n)})`).join('; ')}.`,
        );
      const money = awards(state, list, law, day);
      paragraph(
        doc,
        money.total > 0
          ? `Điều 2. Tập thể, cá nhân có tên tại Điều 1 được nhận hiện vật khen thưởng và tiền thưởng theo quy định; tổng số tiền thưởng là ${figures(money.total)} đồng (Bằng chữ: ${inWords(money.total)}), chi từ Quỹ thi đua, khen thưởng.`
          : 'Điều 2. Tập thể, cá nhân được khen thưởng được nhận Giấy khen và tiền thưởng theo quy định.',
      );
      paragraph(
        doc,
        `Điều 3. ${state.coordinator}, thủ trưởng các đơn vị có liên quan và tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.`,
      );
      signature(doc, d.signerTitle, d.signerName, ['Như Điều 3'], !draft, mark);
      doc.addPage();
      title(doc, 'DANH SÁCH', `Tập thể, cá nhân được khen thưởng (kèm theo Quyết định số ${d.numberText} ngày ${dmy(d.issuedAt, tz)})`);
      table(doc, ANNEX_COLUMNS, annexRows(state, list, law, day));
      moneyTotal(doc, state, list, law, day);
      break;
    }
    case 'giay-khen': {
      const d = decision();
      const awardees = (state.decision ? listed(state) : listedNominees(state)).filter((n) => only === undefined || n.id === only);
      awardees.forEach((n, i) => {
        if (i > 0) doc.addPage();
        const width = doc.page.width - MARGIN.left - MARGIN.right;
        doc
          .rect(30, 30, doc.page.width - 60, doc.page.height - 60)
          .lineWidth(3)
          .stroke();
        doc
          .rect(38, 38, doc.page.width - 76, doc.page.height - 76)
          .lineWidth(1)
          .stroke();
        doc.y = 75;
        doc.font('b').fontSize(13).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', MARGIN.left, doc.y, { width, align: 'center' });
        doc.font('b').fontSize(13).text('Độc lập - Tự do - Hạnh phúc', { width, align: 'center', underline: true });
        doc.moveDown(2);
        doc
          .font('b')
          .fontSize(15)
          .text(upper(`${d.signerTitle} ${issuer.name}`), { width, align: 'center' });
        doc.moveDown(0.3);
        doc.font('b').fontSize(14).text('TẶNG', { width, align: 'center' });
        doc.moveDown(0.8);
        doc
          .font('b')
          .fontSize(30)
          .fillColor('#b00000')
          .text(
            upper(formOf(state, n.formId)?.title.startsWith('Giấy khen') ? 'Giấy khen' : (formOf(state, n.formId)?.title ?? 'Giấy khen')),
            { width, align: 'center' },
          );
        doc.fillColor('black').moveDown(0.8);
        doc
          .font('b')
          .fontSize(22)
          .text(n.person ? n.person.name : n.unitName, { width, align: 'center' });
        if (n.person) doc.font('r').fontSize(14).text(`${n.person.position}, ${n.unitName}`, { width, align: 'center' });
        doc.moveDown(0.5);
        const cluster = clusterOf(state, n);
        doc
          .font('i')
          .fontSize(14)
          .text(cluster ? `Đơn vị dẫn đầu ${cluster} trong ${campaign}` : `Đã có thành tích xuất sắc trong ${campaign}`, {
            width,
            align: 'center',
          });
        doc.moveDown(3);
        const col = width / 2;
        const y = doc.y;
        doc.font('r').fontSize(12).text(`Quyết định số ${d.numberText}`, MARGIN.left, y, { width: col, align: 'center' });
        doc.text(`ngày ${dmy(d.issuedAt, tz)}`, { width: col, align: 'center' });
        doc
          .font('i')
          .fontSize(12)
          .text(dateLine(issuer.place, d.issuedAt, tz), MARGIN.left + col, y, { width: col, align: 'center' });
        doc.font('b').fontSize(13).text(upper(d.signerTitle), { width: col, align: 'center' });
        if (mark) drawMark(doc, mark, MARGIN.left + col, doc.y + 2, col, d.signerName);
        else doc.moveDown(3.5);
        doc
          .font('b')
          .fontSize(14)
          .text(d.signerName, MARGIN.left + col, doc.y, { width: col, align: 'center' });
      });
      break;
    }
  }
  return finish(doc);
}

/** The roles a decision cites in its "Căn cứ" lines, in order. */
const CITED_ROLES: readonly LegalRole[] = ['local-government-law', 'commendation-law', 'commendation-decree'];

/** The texts a decision dated `day` cites: for each role, the one in force that day. */
export function citedTexts(law: readonly LegalText[], day: string): LegalText[] {
  return CITED_ROLES.map((role) => inForce(law, role, day)).filter((t) => t !== undefined);
}

/** A decision not issued yet, dated `day` at 08:00 where the campaign is: what its draft shows. */
function draftDecision(state: CommendationState, day: string): Decision {
  const { issuer } = state.setup;
  return {
    number: 0,
    numberText: `      /QĐ-${issuer.abbreviation}`,
    issuedAt: new Date(`${day}T08:00:00${offsetOf(state.timezone, day)}`).toISOString(),
    signerTitle: issuer.signerTitle,
    signerName: issuer.signerName,
    awarded: listedNominees(state).map((n) => n.id),
  };
}

/** "+07:00": the offset of `tz` on `day` (at its noon). */
const offsetOf = (tz: string, day: string): string => isoWithOffset(new Date(`${day}T12:00:00Z`), tz).slice(19);

/** One nominee's count with absent members' written opinions, as the minutes state it. */
function writtenOpinions(state: CommendationState, n: Nominee): string {
  const v = n.vote!;
  const form = formOf(state, n.formId);
  const counted = form?.vote.written === true;
  const share = form ? describeVoteRule(form.vote).split(';')[0] : '';
  return counted
    ? `${nomineeName(n)}: ${v.inFavour} phiếu đồng ý tại cuộc họp và ${v.written!.inFavour}/${v.written!.received} ý kiến bằng văn bản đồng ý của thành viên vắng mặt; tổng cộng ${v.counted ?? v.inFavour}/${v.members} thành viên, đạt ${percent(n)} (cần ${share}): ${v.passed ? 'Đạt' : 'Không đạt'}.`
    : `${nomineeName(n)}: ${v.written!.received} ý kiến bằng văn bản của thành viên vắng mặt được ghi nhận, không tính vào kết quả theo quy định của hình thức này.`;
}
