/**
 * The commendation stage's papers as PDF, from the data only: tờ trình, danh sách đề nghị khen thưởng, biên
 * bản họp Hội đồng, quyết định and one giấy khen per awardee. The administrative layout of Nghị định
 * 30/2020/NĐ-CP (issuer and national motto side by side, number and place-date line, title, body, "Nơi
 * nhận" and the signature block). pdfkit 0.20 embeds a subset of DejaVu Serif (npm `dejavu-fonts-ttf`, which
 * covers every Vietnamese letter): the files are the same on every machine, no system font involved.
 */
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import {
  describeAttachment,
  formOf,
  listedNominees,
  nomineeName,
  type Attachment,
  type CommendationState,
  type Nominee,
  type RankedSheet,
} from '@thidua/contracts';

const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONTS = {
  regular: join(FONT_DIR, 'DejaVuSerif.ttf'),
  bold: join(FONT_DIR, 'DejaVuSerif-Bold.ttf'),
  italic: join(FONT_DIR, 'DejaVuSerif-Italic.ttf'),
};

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

const local = (iso: string, tz: string): { d: string; m: string; y: string; hm: string } => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: tz,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return { d: parts.day, m: parts.month, y: parts.year, hm: `${parts.hour} giờ ${parts.minute}` };
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

/**
 * The decree detailing the Law on Emulation and Commendation that a paper issued at `issuedAt` cites: Nghị định
 * 152/2025/NĐ-CP replaced 98/2023/NĐ-CP from 01/07/2025 (a paper cites the text in force on its date).
 */
const DECREES: ReadonlyArray<{ readonly from: string; readonly text: string }> = [
  { from: '2025-07-01T00:00:00+07:00', text: 'Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025' },
  { from: '2024-01-01T00:00:00+07:00', text: 'Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023' },
];
export const decreeInForce = (issuedAt: string): string =>
  (DECREES.find((d) => Date.parse(issuedAt) >= Date.parse(d.from)) ?? DECREES[DECREES.length - 1]).text;

type Doc = PDFKit.PDFDocument;
const MARGIN = { top: 57, bottom: 57, left: 85, right: 57 }; // 2 cm, 3 cm, 2 cm (Nghị định 30/2020: top/bottom 2–2.5 cm, left 3–3.5 cm, right 1.5–2 cm)

function newDoc(title: string, layout: 'portrait' | 'landscape' = 'portrait'): Doc {
  const doc = new PDFDocument({
    size: 'A4',
    layout,
    margins: MARGIN,
    info: { Title: title, Creator: 'Thi đua – Khen thưởng', Producer: 'Thi đua – Khen thưởng' },
  });
  doc.registerFont('r', FONTS.regular).registerFont('b', FONTS.bold).registerFont('i', FONTS.italic);
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

/** "Nơi nhận" on the left, the signer on the right. */
function signature(doc: Doc, role: string, name: string, recipients: readonly string[], signed: boolean): void {
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  if (doc.y > doc.page.height - MARGIN.bottom - 150) doc.addPage();
  doc.moveDown(1);
  const top = doc.y;
  doc
    .font('b')
    .fontSize(12)
    .text('Nơi nhận:', MARGIN.left, top, { width: width / 2 });
  doc.font('r').fontSize(11);
  for (const r of recipients) doc.text(`- ${r};`, { width: width / 2 });
  doc.text('- Lưu: VT.', { width: width / 2 });
  doc
    .font('b')
    .fontSize(13)
    .text(upper(role), MARGIN.left + width / 2, top, { width: width / 2, align: 'center' });
  doc
    .font('i')
    .fontSize(12)
    .text(signed ? '(Đã ký)' : '(Ký, ghi rõ họ tên)', { width: width / 2, align: 'center' });
  doc.moveDown(3);
  doc
    .font('b')
    .fontSize(13)
    .text(name, { width: width / 2, align: 'center' });
  doc.x = MARGIN.left;
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

/** The nominees to list on a paper: the posted list once posted, else every active nomination. */
function listed(state: CommendationState): Nominee[] {
  if (state.decision) return state.decision.awarded.map((id) => state.nominees.find((n) => n.id === id)!);
  return state.posting ? listedNominees(state) : state.nominees.filter((n) => n.status !== 'removed');
}

/** The cluster a nominee leads, as papers name it ("Cụm thi đua số 1"); undefined when no cluster proposed it. */
export function clusterOf(state: CommendationState, n: Nominee): string | undefined {
  return n.clusterId === undefined ? undefined : (state.clusters?.find((c) => c.id === n.clusterId)?.name ?? n.clusterId);
}

function nomineeRows(state: CommendationState, nominees: readonly Nominee[], sheets: readonly RankedSheet[]): string[][] {
  return nominees.map((n, i) => {
    const sheet = sheetOf(sheets, n.unitId);
    const cluster = clusterOf(state, n);
    return [
      String(i + 1),
      n.person ? n.person.name : n.unitName,
      n.person ? `${n.person.position}, ${n.unitName}` : cluster ? `Tập thể dẫn đầu ${cluster}` : 'Tập thể',
      formOf(state, n.formId)?.title ?? n.formId,
      n.person
        ? n.person.achievement + (n.person.initiative ? ` Sáng kiến: ${n.person.initiative}` : '')
        : sheet
          ? `Tổng điểm ${sheet.total}/${sheet.max}, xếp hạng ${sheet.rank}`
          : '',
      percent(n),
    ];
  });
}

const LIST_COLUMNS = [
  { title: 'STT', width: 6, align: 'center' as const },
  { title: 'Tập thể / Họ và tên', width: 21 },
  { title: 'Chức vụ, đơn vị', width: 18 },
  { title: 'Hình thức khen thưởng', width: 20 },
  { title: 'Thành tích', width: 26 },
  { title: 'Tỷ lệ phiếu', width: 9, align: 'center' as const },
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
export async function renderPaper(paper: Paper, state: CommendationState, sheets: readonly RankedSheet[], only?: string): Promise<Buffer> {
  const { issuer } = state.setup;
  const tz = state.timezone;
  const campaign = state.campaignTitle;
  const doc = newDoc(PAPER_TITLES[paper], paper === 'giay-khen' ? 'landscape' : 'portrait');
  switch (paper) {
    case 'danh-sach': {
      header(doc, state, '', state.posting?.postedAt);
      title(doc, 'DANH SÁCH', `Đề nghị khen thưởng tập thể, cá nhân có thành tích trong ${campaign}`);
      table(doc, LIST_COLUMNS, nomineeRows(state, listed(state), sheets));
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
      table(
        doc,
        [
          { title: 'STT', width: 6, align: 'center' },
          { title: 'Tập thể / cá nhân', width: 24 },
          { title: 'Hình thức', width: 22 },
          { title: 'Có mặt', width: 8, align: 'center' },
          { title: 'Đồng ý', width: 8, align: 'center' },
          { title: 'Tỷ lệ', width: 9, align: 'center' },
          { title: 'Cần đạt', width: 9, align: 'center' },
          { title: 'Kết quả', width: 12, align: 'center' },
        ],
        voted.map((n, i) => [
          String(i + 1),
          nomineeName(n),
          formOf(state, n.formId)?.title ?? n.formId,
          `${n.vote!.present}/${n.vote!.members}`,
          String(n.vote!.inFavour),
          percent(n),
          `${n.vote!.needed} phiếu`,
          !n.vote!.quorate ? 'Không đủ số thành viên' : n.vote!.passed ? 'Đạt' : 'Không đạt',
        ]),
      );
      clusterRounds(doc, state);
      const rules = [...new Set(voted.map((n) => n.formId))].map((id) => formOf(state, id)).filter((f) => f !== undefined);
      paragraph(doc, 'Căn cứ tỷ lệ phiếu:', { font: 'b' });
      for (const f of rules) paragraph(doc, `- ${f.title}: ${f.legalBasis}`);
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
      table(doc, LIST_COLUMNS, nomineeRows(state, list, sheets));
      signature(doc, `TM. ${state.coordinator}`, '', [issuer.name], false);
      break;
    }
    case 'quyet-dinh': {
      const d = state.decision!;
      const list = listed(state);
      header(doc, state, d.numberText, d.issuedAt);
      title(doc, 'QUYẾT ĐỊNH', `Về việc khen thưởng tập thể, cá nhân có thành tích trong ${campaign}`);
      doc
        .font('b')
        .fontSize(13)
        .text(upper(`${issuer.signerTitle} ${issuer.name}`), { align: 'center' });
      doc.moveDown(0.5);
      paragraph(doc, 'Căn cứ Luật Tổ chức chính quyền địa phương;', { font: 'i' });
      paragraph(doc, 'Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;', { font: 'i' });
      paragraph(
        doc,
        `Căn cứ ${decreeInForce(d.issuedAt)} của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;`,
        {
          font: 'i',
        },
      );
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
      paragraph(doc, 'Điều 2. Tập thể, cá nhân được khen thưởng được nhận Giấy khen và tiền thưởng theo quy định.');
      paragraph(
        doc,
        `Điều 3. ${state.coordinator}, thủ trưởng các đơn vị có liên quan và tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.`,
      );
      signature(doc, d.signerTitle, d.signerName, ['Như Điều 3'], true);
      doc.addPage();
      title(doc, 'DANH SÁCH', `Tập thể, cá nhân được khen thưởng (kèm theo Quyết định số ${d.numberText} ngày ${dmy(d.issuedAt, tz)})`);
      table(doc, LIST_COLUMNS, nomineeRows(state, list, sheets));
      break;
    }
    case 'giay-khen': {
      const d = state.decision!;
      const awardees = listed(state).filter((n) => only === undefined || n.id === only);
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
        doc.moveDown(3.5);
        doc.font('b').fontSize(14).text(d.signerName, { width: col, align: 'center' });
      });
      break;
    }
  }
  return finish(doc);
}
