/** Slices of a plan text: clauses, quotes and the small normalisations titles need. */

/** A slice of the text: where it is. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export const quoteOf = (text: string, s: Span): string => text.slice(s.start, s.end);

/** The clauses of the text: split at sentence ends, semicolons and line breaks, each trimmed. */
export function clauses(text: string): Span[] {
  const out: Span[] = [];
  const boundary = /[;!?\n]|\.(?=\s|$)/g;
  let start = 0;
  const push = (end: number): void => {
    let s = start;
    let e = end;
    while (s < e && /[\s*]/.test(text[s])) s++;
    // Leading list numbers ("2.3." "a)" "-") are not part of what a clause says.
    const numbering = /^(?:(?:\d+\.)+\d*\s*|[a-zđ]\)\s*|[-–•+]\s+)/iu.exec(text.slice(s, e));
    if (numbering) s += numbering[0].length;
    while (e > s && /[\s*,:]/.test(text[e - 1])) e--;
    if (e > s) out.push({ start: s, end: e });
  };
  for (const m of text.matchAll(boundary)) {
    push(m.index);
    start = m.index + 1;
  }
  push(text.length);
  return out;
}

/** Words that cite another document ("Căn cứ Kế hoạch số 624/KH-UBND ngày …"): its dates are not the plan's. */
export const REFERENCE = /căn cứ|số\s+\S+\/|kế hoạch\s+(?:số\s+)?\d|quyết định\s+(?:số\s+)?\d|công văn|nghị định|thông tư|luật/iu;

export const lower = (s: string): string => s.toLowerCase();
export const capitalise = (s: string): string => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
export const clean = (s: string): string => s.replace(/\*+/g, '').replace(/\s+/g, ' ').trim();

/** Where `words` (found lower-cased in the clause) stand in the text. */
export function spanOf(text: string, clause: Span, words: string): Span | undefined {
  const i = lower(quoteOf(text, clause)).indexOf(lower(words));
  return i < 0 ? undefined : { start: clause.start + i, end: clause.start + i + words.length };
}

/**
 * A text as the rules read it, in NFC (text copied from PDF or some editors arrives decomposed: "ê" as "e" and a
 * combining circumflex), and the way back to the text as received, so that every quote is a slice of what the
 * person sent. Each base letter with its combining marks is composed on its own, so offsets map segment by segment.
 */
export class ReadableText {
  readonly text: string;
  /** For each offset of `text`, the offset in the text as received (one past the end included). */
  private readonly origin?: number[];

  constructor(readonly received: string) {
    if (received === received.normalize('NFC')) {
      this.text = received;
      return;
    }
    const origin: number[] = [];
    let text = '';
    for (const m of received.matchAll(/\P{M}\p{M}*|\p{M}+/gu)) {
      const composed = m[0].normalize('NFC');
      // A segment that composes to several characters maps its inner offsets to its end: a quote never splits it.
      for (let k = 0; k < composed.length; k++) origin.push(k === 0 ? m.index : m.index + m[0].length);
      text += composed;
    }
    origin.push(received.length);
    this.text = text;
    this.origin = origin;
  }

  /** The words of the text as received at a span of `text`. */
  quote(s: Span): string {
    return this.origin ? this.received.slice(this.origin[s.start], this.origin[s.end]) : quoteOf(this.text, s);
  }
}
