/** The dates of a clause as a plan writes them: a lead word ("chậm nhất"), an hour, a label ("Hạn đăng ký:"), a range. */
import {
  DATE_SOURCE,
  LEAD_SOURCE,
  meaningOfLead,
  TIME_SOURCE,
  timeOfDay,
  writtenDate,
  type DayMeaning,
  type TimeOfDay,
  type WrittenDate,
} from './dates';
import { lower, quoteOf, type Span } from './text';

/** One date in a clause with the words before it. */
export interface DatePhrase extends Span {
  readonly date: WrittenDate;
  /** The time of day written with the date ("trước 17 giờ ngày …"); null when the written one is no time ("25 giờ"). */
  readonly time?: TimeOfDay | null;
  readonly meaning?: DayMeaning;
  /** Written after a label ending in a colon, with no lead word: the label says what the date means. */
  readonly labelled: boolean;
  /** The clause's words before the phrase (after the previous date of the clause). */
  readonly context: string;
  readonly clause: Span;
}

/** A clause with the dates it contains. */
export interface DatedClause {
  readonly clause: Span;
  readonly phrases: readonly DatePhrase[];
}

const DATE_PHRASE = new RegExp(String.raw`(?:${LEAD_SOURCE}[\s*]*)?(?:${TIME_SOURCE})?${DATE_SOURCE}`, 'giu');

export function datePhrases(text: string, clause: Span): DatePhrase[] {
  const body = quoteOf(text, clause);
  const out: DatePhrase[] = [];
  let after = 0;
  for (const m of body.matchAll(DATE_PHRASE)) {
    const date = writtenDate(m.slice(4, 13));
    if (!date) continue;
    const time = m[2] === undefined ? undefined : (timeOfDay(m[2], m[3]) ?? null);
    // The lead must be a whole word: "đến" in "hướng đến" counts, "từ" inside "từng" does not.
    const lead = m[1] && (m.index === 0 || /[\s*(,"“]/.test(body[m.index - 1])) ? m[1] : undefined;
    const start = clause.start + m.index + (m[1] && !lead ? m[1].length : 0);
    const context = lower(body.slice(after, m.index));
    const previous = out.at(-1);
    let meaning = meaningOfLead(lead);
    if (!meaning && previous?.labelled && RANGE_JOIN.test(context)) {
      // "Thời gian: 02/3/2027 - 31/10/2027": the label's date opens the range, this one closes it.
      out[out.length - 1] = { ...previous, meaning: 'from' };
      meaning = 'through';
    }
    const labelled = !lead && LABEL_END.test(context);
    if (labelled) meaning = meaningOfLabel(context);
    out.push({
      start,
      end: clause.start + m.index + m[0].length,
      date,
      ...(time !== undefined ? { time } : {}),
      meaning,
      labelled,
      context,
      clause,
    });
    after = m.index + m[0].length;
  }
  return out;
}

const LABEL_END = /:\s*$/u;
const RANGE_JOIN = /^\s*(?:-|–|đến)\s*$/u;

/** A date written after a label, as in a table of times: "Hạn đăng ký: 15/3/2027", "Hội nghị tổng kết: ngày 20/12/2027". */
function meaningOfLabel(label: string): DayMeaning {
  if (/hạn|kết thúc|chậm nhất|báo cáo|đăng ký|nộp|gửi/u.test(label)) return 'through';
  if (/phát động|bắt đầu/u.test(label)) return 'from';
  return 'on';
}
