/**
 * Plan import: the text of a plan (Kế hoạch phát động thi đua) read into a campaign draft, with the exact
 * words that support every value. Deterministic rules, no network and no model: what the rules cannot pin
 * down (a meeting "trong tháng 7", a review "nhân dịp …" with no date) is listed as unresolved with its
 * words, never guessed. Every quote is a slice of the text as received, so it occurs in it verbatim.
 */
import { datePhrases, type DatedClause } from './date-phrases';
import { instantOf, writtenDate, type WrittenDate } from './dates';
import { readCriteria } from './criteria';
import { capitalise, clauses, clean, lower, quoteOf, ReadableText, REFERENCE, spanOf, type Span } from './text';
import { findUnitGroups } from './unit-groups';

/** The largest plan text accepted, in bytes of UTF-8. */
export const MAX_PLAN_BYTES = 1024 * 1024;

export type { DraftMilestone, Evidence, PlanDraft, PlanImport, Unresolved } from './draft';
import type { DraftMilestone, Evidence, PlanImport, Unresolved } from './draft';
import type { CriterionKind, CriterionRule, UnitKind } from '@thidua/contracts';

/** Why a text is not read at all. */
export type PlanImportRefusal = 'empty' | 'too-large' | 'binary' | 'not-vietnamese';

/** A text that is not a plan to read: empty, too large, binary or not Vietnamese. */
export class PlanImportError extends Error {
  override readonly name = 'PlanImportError';
  constructor(
    readonly reason: PlanImportRefusal,
    message: string,
  ) {
    super(message);
  }
}

const VIETNAMESE_LETTER = /[ăâđêôơưàáạảãằắặẳẵầấậẩẫèéẹẻẽềếệểễìíịỉĩòóọỏõồốộổỗờớợởỡùúụủũừứựửữỳýỵỷỹ]/iu;
// Control characters other than tab, line feed and carriage return, and the replacement character.

const NOT_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/gu;

/** Refuses what is not a plan text, with a Vietnamese message naming the problem. */
function checkText(text: string): void {
  if (!text.trim()) throw new PlanImportError('empty', 'text: văn bản kế hoạch đang trống');
  if (new TextEncoder().encode(text).length > MAX_PLAN_BYTES)
    throw new PlanImportError('too-large', 'text: văn bản kế hoạch vượt quá 1 MiB; hãy dán phần nội dung kế hoạch');
  const odd = text.match(NOT_TEXT)?.length ?? 0;
  if (text.includes('\u0000') || odd > Math.max(2, text.length / 100))
    throw new PlanImportError('binary', 'text: đây không phải văn bản (có ký tự nhị phân); hãy dán nội dung kế hoạch dạng văn bản');
  if (!VIETNAMESE_LETTER.test(text.normalize('NFC')))
    throw new PlanImportError('not-vietnamese', 'text: không thấy chữ tiếng Việt có dấu; hệ thống chỉ đọc kế hoạch viết bằng tiếng Việt');
}

/** The building blocks of the draft while it is read. */
class DraftBuilder {
  title?: string;
  issuer?: string;
  coordinator?: string;
  readonly milestones: Partial<Record<DraftMilestone, string>> = {};
  readonly reports: Array<{ title: string; due: string }> = [];
  readonly meetings: Array<{ title: string; at: string }> = [];
  readonly criteria: Array<{ title: string; kind: CriterionKind; rule: CriterionRule; points?: number; appliesTo?: UnitKind[] }> = [];
  readonly unitGroups: Array<{ text: string; kind: UnitKind; count?: number }> = [];
  readonly evidence: Evidence[] = [];
  readonly unresolved: Unresolved[] = [];

  constructor(private readonly source: ReadableText) {}

  cite(path: string, span: Span): void {
    const quote = this.source.quote(span).trim();
    if (quote && !this.evidence.some((e) => e.path === path && e.quote === quote)) this.evidence.push({ path, quote });
  }

  ask(what: string, span: Span): void {
    const quote = this.source.quote(span).trim();
    if (quote && !this.unresolved.some((u) => u.quote === quote)) this.unresolved.push({ what, quote });
  }

  /** Sets a milestone once; a second, different value is a question for the person, not an overwrite. */
  milestone(name: DraftMilestone, at: string, span: Span): void {
    const current = this.milestones[name];
    if (current === undefined) {
      this.milestones[name] = at;
      this.cite(`milestones.${name}`, span);
    } else if (Date.parse(current) === Date.parse(at)) {
      this.cite(`milestones.${name}`, span);
    } else {
      this.ask(`${MILESTONE_QUESTION[name]}: kế hoạch nêu hai thời điểm khác nhau`, span);
    }
  }

  build(): PlanImport {
    return {
      draft: {
        ...(this.title ? { title: this.title } : {}),
        ...(this.issuer ? { issuer: this.issuer } : {}),
        ...(this.coordinator ? { coordinator: this.coordinator } : {}),
        timezone: 'Asia/Ho_Chi_Minh',
        milestones: this.milestones,
        reports: this.reports,
        meetings: this.meetings,
        criteria: this.criteria,
        unitGroups: this.unitGroups,
      },
      evidence: this.evidence,
      unresolved: this.unresolved,
    };
  }
}

const MILESTONE_QUESTION: Record<DraftMilestone, string> = {
  launchAt: 'Ngày phát động',
  registrationDue: 'Hạn đăng ký thi đua',
  interimReviewAt: 'Thời điểm sơ kết',
  campaignEndsAt: 'Thời điểm kết thúc đợt thi đua',
  finalReportDue: 'Hạn báo cáo kết quả cuối đợt',
};

/** Reads a plan text into a draft; throws PlanImportError for a text that is not a plan to read. */
export function importPlan(received: string): PlanImport {
  checkText(received);
  const source = new ReadableText(received);
  const { text } = source;
  const b = new DraftBuilder(source);
  const parts = clauses(text);
  // Each clause's dates, read once for the plan's year, the deadlines and the vague times.
  const dated = parts.map((clause) => ({ clause, phrases: datePhrases(text, clause) }));
  readHeading(text, b);
  const issued = readIssueDate(text, b);
  const year = issued?.year ?? planYear(text, dated);
  readDates(text, dated, year, b);
  readVague(text, dated, b);
  readCriteria(text, parts, b);
  findUnitGroups(text).forEach(({ start, end, ...group }, i) => {
    b.unitGroups.push(group);
    b.cite(`unitGroups[${i}]`, { start, end });
  });
  if (!b.milestones.launchAt) {
    // "phát động từ ngày ban hành Kế hoạch" with no issue date in the text: the person gives the date.
    const fromIssue = /(?:phát động|thực hiện|triển khai)\s+từ\s+(?:ngày\s+)?(?:ban hành|ký)(?:\s+(?:Kế hoạch|văn bản)(?:\s+này)?)?/iu.exec(
      text,
    );
    if (fromIssue)
      b.ask('Ngày phát động: kế hoạch tính từ ngày ban hành nhưng văn bản không ghi ngày ban hành', {
        start: fromIssue.index,
        end: fromIssue.index + fromIssue[0].length,
      });
  }
  askUnused(text, dated, b);
  if (!b.milestones.interimReviewAt) {
    const review = b.meetings.find((m) => /sơ kết/iu.test(m.title));
    if (review) {
      b.milestones.interimReviewAt = review.at;
      for (const e of b.evidence.filter((x) => x.path === `meetings[${b.meetings.indexOf(review)}].at`))
        b.evidence.push({ path: 'milestones.interimReviewAt', quote: e.quote });
    }
  }
  return b.build();
}

/**
 * A date the plan writes that no value took and no question names (not a cited document's): asked, so that it
 * never vanishes from the draft unseen.
 */
function askUnused(text: string, dated: readonly DatedClause[], b: DraftBuilder): void {
  const quoted = [...b.evidence.map((e) => e.quote), ...b.unresolved.map((u) => u.quote)];
  for (const { phrases } of dated)
    for (const p of phrases) {
      const words = text.slice(p.start, p.end).trim();
      if (!words || REFERENCE.test(p.context) || quoted.some((q) => q.includes(words))) continue;
      b.ask('Một ngày trong kế hoạch chưa được dùng cho mốc nào', p);
    }
}

/** Title, issuer and coordinator. */
function readHeading(text: string, b: DraftBuilder): void {
  // The title: the lines under the heading "KẾ HOẠCH", up to the first blank line.
  const heading = /^[ \t*]*KẾ HOẠCH[ \t*]*\r?\n((?:[ \t]*\S[^\n]*\r?\n?){1,6})/mu.exec(text);
  if (heading) {
    const start = heading.index + heading[0].indexOf(heading[1]);
    const lines = heading[1].split('\n');
    let offset = start;
    const titleLines: string[] = [];
    lines.forEach((line) => {
      const span = { start: offset, end: offset + line.length };
      offset += line.length + 1;
      if (!clean(line)) return;
      titleLines.push(clean(line));
      b.cite('title', span);
    });
    if (titleLines.length) b.title = titleLines.join(' ');
  } else {
    const line = /^[ \t*]*((?:Phát động|Tổ chức|Triển khai|Kế hoạch)[^\n]*thi đua[^\n]*)$/imu.exec(text.slice(0, 3000));
    if (line) {
      b.title = capitalise(clean(line[1]));
      b.cite('title', { start: line.index + line[0].indexOf(line[1]), end: line.index + line[0].indexOf(line[1]) + line[1].length });
    }
  }
  // The issuer opens a sentence: "Chủ tịch Ủy ban nhân dân phường X phát động…" (not "Căn cứ … của UBND …").
  const issuer =
    /^[ \t*]*((?:Chủ tịch|Giám đốc|Thủ trưởng|Trưởng)\s+[^\n,.;:()]{3,120}?|(?:Ủy ban nhân dân|UBND|Sở|Bệnh viện)\s+[^\n,.;:()]{2,80}?)\s+(?:phát động|ban hành|xây dựng kế hoạch|tổ chức phong trào)/mu.exec(
      text,
    );
  if (issuer) {
    const start = issuer.index + issuer[0].indexOf(issuer[1]);
    b.issuer = clean(issuer[1]);
    b.cite('issuer', { start, end: start + issuer[1].length });
  }
  const coordinator =
    /(?:[Gg]iao|[Gg]iao cho)\s+((?:Phòng|Văn phòng|Ban|Sở|Trung tâm|Khoa|Tổ)\s[^\n,.;:()]{2,100}?)\s+(?:là\s+)?(?:cơ quan\s+)?(?:thường trực|chủ trì|làm đầu mối|là đầu mối|tham mưu|theo dõi)/u.exec(
      text,
    ) ??
    /\(thông qua\s+([^)\n]{3,100})\)/u.exec(text) ??
    /((?:Phòng|Văn phòng|Ban|Sở)\s[^\n,.;:()]{2,100}?)\s+(?:là\s+)?(?:cơ quan\s+)?thường trực/u.exec(text);
  if (coordinator) {
    const start = coordinator.index + coordinator[0].indexOf(coordinator[1]);
    b.coordinator = clean(coordinator[1]);
    b.cite('coordinator', { start, end: start + coordinator[1].length });
  }
}

/**
 * The issue date ("Phường Bến Thành, ngày 16 tháng 02 năm 2026"): the launch, when the plan starts on issue. A
 * header whose number and date share a line however far apart, with or without the place's comma ("Số:
 * 52/KH-SYT … Đồng Nai ngày 05 tháng 01 năm 2027"), is read too; a date there that is no day of the calendar
 * is asked about, never dropped.
 */
function readIssueDate(text: string, b: DraftBuilder): Required<WrittenDate> | undefined {
  const m = ISSUE_LINE.exec(text) ?? HEADER_DATE_LINE.exec(headerOf(text));
  if (!m) return undefined;
  const date = writtenDate([m[1], m[2], m[3]]);
  if (!date?.year) {
    const start = m.index + m[0].indexOf(m[0].trim());
    b.ask('Ngày ban hành: ngày ghi ở đầu kế hoạch không phải một ngày có thật', { start, end: start + m[0].trim().length });
    return undefined;
  }
  const full = { ...date, year: date.year };
  const start = m.index + m[0].indexOf(m[0].trim().replace(/^\*+/, ''));
  b.milestone('launchAt', instantOf(full, 'on'), { start, end: m.index + m[0].trimEnd().replace(/[*.]+$/, '').length });
  return full;
}

/** The place and date line of the header, as most plans write it. */
const ISSUE_LINE = /^[ \t*]*[^\n,]{2,60},\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})[ \t*.]*$/mu;
/** A header line that ends with the date, whatever comes before it on the line (not a "Căn cứ …" reference). */
const HEADER_DATE_LINE =
  /^(?![ \t*]*(?:Căn cứ|Thực hiện|Theo)\s)[^\n]{0,240}?[\s,]ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})[ \t*.]*$/mu;

/** The plan's header: the text before its heading "KẾ HOẠCH" (the first 2,000 characters when it has none). */
function headerOf(text: string): string {
  const heading = /^[ \t*]*KẾ HOẠCH[ \t*]*$/mu.exec(text);
  return text.slice(0, heading ? heading.index : 2000);
}

/** The year of undated days: the most frequent year among the plan's deadlines, else the one in its title. */
function planYear(text: string, dated: readonly DatedClause[]): number | undefined {
  const counts = new Map<number, number>();
  for (const { phrases } of dated) {
    for (const p of phrases) if (p.meaning && p.date.year) counts.set(p.date.year, (counts.get(p.date.year) ?? 0) + 1);
  }
  const best = [...counts].sort((x, y) => y[1] - x[1] || y[0] - x[0])[0];
  if (best) return best[0];
  const titled = /thi đua[^\n]{0,200}?năm\s+(\d{4})/iu.exec(text);
  return titled ? Number(titled[1]) : undefined;
}

const REPORT_ROUND =
  /báo cáo\s+(?:(?:sơ kết|kết quả|định kỳ|tiến độ)\s+)?(?:(quý\s+(?:I{1,3}|IV|[1-4])\b)|(học kỳ\s+(?:I{1,2}|[12])\b)|((?:đợt|lần)\s+\d{1,2}\b)|(\d{1,2}\s+tháng(?:\s+đầu năm)?)|(sơ kết(?:\s+giữa kỳ)?)|(giữa kỳ)|(tháng\s+\d{1,2}))/iu;
const FINAL_REPORT =
  /cuối đợt|tổng kết|kết quả cuối|cả năm|kết thúc đợt|kết quả thực hiện|kết quả (?:phong trào|đợt thi đua)|năm\s+\d{4}/iu;
const MEETING =
  /(?:hội nghị\s+)?(?:sơ kết|tổng kết)(?:\s+(?:\d{1,2}\s+tháng(?:\s+đầu năm)?|quý\s+(?:I{1,3}|IV|[1-4])\b|năm(?:\s+\d{4})?|giữa kỳ|đợt thi đua|phong trào(?:\s+thi đua)?))?|hội nghị[^\n,.;:()]{0,60}/iu;
const CAMPAIGN_PERIOD = /phát động|thời gian|đợt thi đua|phong trào|triển khai|thực hiện|kéo dài|diễn ra/iu;

/** Deadlines, the campaign's period, report rounds and meetings: each date read by the words around it. */
function readDates(text: string, dated: readonly DatedClause[], year: number | undefined, b: DraftBuilder): void {
  for (const { clause, phrases } of dated) {
    const whole = lower(quoteOf(text, clause));
    for (const p of phrases) {
      const ctx = p.context;
      const meeting = MEETING.exec(ctx) ?? (p.meaning === 'on' || !p.meaning ? MEETING.exec(whole) : null);
      const isMeeting = meeting && !/báo cáo/iu.test(ctx) && (p.meaning === 'on' || p.meaning === undefined || p.meaning === 'from');
      if (!p.meaning && !isMeeting) continue; // a bare date: a reference to another document
      if (!p.meaning && REFERENCE.test(ctx)) continue;
      if (p.time === null) {
        b.ask('Giờ ghi kèm ngày không phải một giờ trong ngày', p);
        continue;
      }
      const dated = p.date.year ?? year;
      if (dated === undefined) {
        b.ask('Thời điểm không ghi năm và kế hoạch không cho biết năm', p);
        continue;
      }
      const date = { day: p.date.day, month: p.date.month, year: dated };
      if (isMeeting && meeting) {
        const at = instantOf(date, 'on', p.time);
        if (!b.meetings.some((m) => m.at === at)) {
          const words = spanOf(text, clause, meeting[0]) ?? p;
          const i = b.meetings.push({ title: capitalise(clean(quoteOf(text, words))), at }) - 1;
          b.cite(`meetings[${i}].at`, p);
          b.cite(`meetings[${i}].title`, words);
        }
        continue;
      }
      const meaning = p.meaning ?? 'on';
      // What the date means as a deadline (registration, a report): "từ ngày D" there is read as "before D".
      const due = instantOf(date, meaning === 'from' ? 'before' : meaning, p.time);
      if (/đăng ký/iu.test(ctx)) {
        b.milestone('registrationDue', due, p);
      } else if (/báo cáo/iu.test(ctx)) {
        const round = REPORT_ROUND.exec(ctx);
        if (round && !FINAL_REPORT.test(round[0])) {
          if (!b.reports.some((r) => r.due === due)) {
            const words = spanOf(text, clause, round[0]) ?? p;
            const i = b.reports.push({ title: capitalise(clean(quoteOf(text, words))), due }) - 1;
            b.cite(`reports[${i}].due`, p);
            b.cite(`reports[${i}].title`, words);
          }
        } else {
          b.milestone('finalReportDue', due, p);
        }
      } else if (/đề nghị khen thưởng|hồ sơ khen thưởng/iu.test(ctx)) {
        // Nominations are due when the coordinator opens the commendation round, not a milestone of the campaign.
        b.ask('Hạn nộp hồ sơ đề nghị khen thưởng: nhập khi mở đợt xét khen thưởng', p);
      } else if (meaning === 'from' && (/bắt đầu|thi đua/iu.test(ctx) || CAMPAIGN_PERIOD.test(ctx))) {
        b.milestone('launchAt', instantOf(date, 'from', p.time), p);
      } else if ((meaning === 'through' || meaning === 'before') && (CAMPAIGN_PERIOD.test(ctx) || CAMPAIGN_PERIOD.test(whole))) {
        b.milestone('campaignEndsAt', instantOf(date, meaning, p.time), p);
      } else if (!REFERENCE.test(ctx)) {
        b.ask('Một mốc thời gian chưa rõ dùng cho việc gì', p);
      }
    }
  }
}

// "trong/vào tháng 7/2027", "nhân/vào dịp …", "cuối quý" (not the "đầu năm" of "6 tháng đầu năm"), "dự kiến …",
// and deadlines that recur ("trước ngày 15 hằng tháng"): none is one day of the calendar.
const VAGUE =
  /(?:trong|vào)\s+(?:tháng\s+(?:\d{1,2}|[IVX]+)|quý\s+(?:I{1,3}|IV|[1-4]))(?:\/\d{4}|\s+năm\s+\d{4})?|(?:nhân|vào|trong)\s+dịp\s+[^\n,.;:]{3,120}|(?<!tháng\s)(?:đầu|giữa|cuối)\s+(?:tháng|quý|năm)(?:\s+(?:\d{1,2}|I{1,3}|IV))?(?:\s+năm\s+\d{4})?|dự kiến\s+[^\n,.;:]{3,80}|(?:(?:trước|chậm nhất)\s+)?ngày\s+\d{1,2}\s+(?:hằng|hàng|mỗi)\s+(?:tháng|quý)|(?:hằng|hàng)\s+(?:tháng|quý)/giu;

/** Times given only vaguely for a meeting, a report or the campaign: asked, never guessed. */
function readVague(text: string, dated: readonly DatedClause[], b: DraftBuilder): void {
  for (const { clause, phrases } of dated) {
    const body = quoteOf(text, clause);
    if (!/sơ kết|tổng kết|hội nghị|báo cáo|đăng ký|kết thúc|phát động|khen thưởng/iu.test(body)) continue;
    if (phrases.some((p) => p.meaning || MEETING.test(p.context))) continue;
    for (const m of body.matchAll(VAGUE)) {
      const what = /sơ kết|tổng kết|hội nghị/iu.test(body)
        ? 'Thời điểm tổ chức sơ kết, tổng kết'
        : /báo cáo/iu.test(body)
          ? 'Hạn báo cáo'
          : /đăng ký/iu.test(body)
            ? 'Hạn đăng ký'
            : 'Thời điểm';
      b.ask(`${what}: kế hoạch chỉ nêu "${clean(m[0])}", chưa có ngày cụ thể`, { start: clause.start, end: clause.end });
    }
  }
}
