/** Criteria of a plan: each target phrase, what it measures (the clause around it) and the points the plan's scale gives it. */
import type { CriterionKind, CriterionRule, UnitKind } from '@thidua/contracts';
import { findTargets, num } from './targets';
import { capitalise, clean, quoteOf, REFERENCE, type Span } from './text';
import { unitKindsIn } from './unit-groups';

/** Where criteria go while a plan is read (the draft being built). */
export interface CriteriaSink {
  readonly criteria: Array<{ title: string; kind: CriterionKind; rule: CriterionRule; points?: number; appliesTo?: UnitKind[] }>;
  cite(path: string, span: Span): void;
}

/** Criteria: each target phrase with the clause that says what it measures. */
export function readCriteria(text: string, parts: readonly Span[], b: CriteriaSink): void {
  for (const clause of parts) {
    const body = quoteOf(text, clause);
    if (REFERENCE.test(body.slice(0, 12))) continue;
    const found = findTargets(body, clause.start);
    // "trên 98% (20 điểm)": the points right after a target belong to its criterion.
    const pointsAfter = found.map((f) => POINTS_AFTER.exec(text.slice(f.end, Math.min(clause.end, f.end + 40))));
    found.forEach((f, i) => {
      // What the target measures: the clause from the previous target (and its points) up to this one (the last to the clause's end).
      const from = i === 0 ? clause.start : found[i - 1].end + (pointsAfter[i - 1]?.[0].length ?? 0);
      const after = pointsAfter[i];
      // "(20 điểm, áp dụng: khu phố)": the units it applies to, after the target and its points.
      const appliesFrom = f.end + (after?.[0].length ?? 0);
      const applies = APPLIES_AFTER.exec(text.slice(appliesFrom, clause.end));
      const kinds = applies ? unitKindsIn(applies[1]) : [];
      const to = i === found.length - 1 && !after && !kinds.length ? clause.end : f.end;
      let start = from;
      while (start < to && /[\s,;:*.)]/.test(text[start])) start++;
      // A leading label ("Chỉ tiêu:", "Tiêu chí 1 (20 điểm):") or conjunction is not part of what is measured.
      const startWord = /^(?:[^\n:]{1,30}:\s*)?(?:và|đồng thời|trong đó)?\s*/iu.exec(text.slice(start, f.start));
      const scored = pointsOf(after, f.end) ?? pointsOf(startWord && POINTS_IN_LABEL.exec(startWord[0]), start);
      if (startWord) start += startWord[0].length;
      const span = { start, end: to };
      const title = capitalise(clean(quoteOf(text, span)));
      if (!title) return;
      const k =
        b.criteria.push({
          title: title.length > 500 ? `${title.slice(0, 497)}…` : title,
          kind: f.kind,
          rule: f.rule,
          ...(scored ? { points: scored.points } : {}),
          ...(kinds.length ? { appliesTo: kinds } : {}),
        }) - 1;
      b.cite(`criteria[${k}].title`, span);
      b.cite(`criteria[${k}].rule`, f);
      if (scored) b.cite(`criteria[${k}].points`, scored.words);
      if (applies && kinds.length) {
        const at = appliesFrom + applies.index + applies[0].indexOf(applies[1]);
        b.cite(`criteria[${k}].appliesTo`, { start: at, end: at + applies[1].trimEnd().length });
      }
    });
  }
}

/** The points of a match of {@link POINTS_AFTER} or {@link POINTS_IN_LABEL} read from `offset`, and where its words "20 điểm" stand. */
function pointsOf(m: RegExpExecArray | null, offset: number): { points: number; words: Span } | undefined {
  if (!m) return undefined;
  const points = num(m[2]);
  const at = offset + m.index + m[0].indexOf(m[1]);
  return points > 0 ? { points, words: { start: at, end: at + m[1].length } } : undefined;
}

/** Points right after a target: "(20 điểm)", "- tối đa 15 điểm", ": 10 điểm" (group 1 the words, 2 the number). */
const POINTS_AFTER = /^[\s,:;–-]*\(?\s*(?:tối đa\s+|thang điểm\s+)?((\d{1,3}(?:[.,]\d+)?)\s*điểm)(?![\p{L}])/iu;
/** Who a criterion applies to, after its target and points: ", áp dụng: các khu phố)" (group 1 the units' words). */
const APPLIES_AFTER = /^[\s,;:–-]*\(?\s*(?:chỉ\s+)?áp dụng(?:\s+(?:cho|đối với))?\s*:?\s*([^.;()\n]{2,120})/iu;
/** Points in a criterion's label: "Tiêu chí 1 (20 điểm):". */
const POINTS_IN_LABEL = /\(\s*(?:tối đa\s+)?((\d{1,3}(?:[.,]\d+)?)\s*điểm)\s*\)/iu;
