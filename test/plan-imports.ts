/** What the plan-import specs share: the fixtures and the check that every value is quoted from the text. Test code only. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlanImport } from '@thidua/planning';

export const fixture = (name: string): string =>
  readFileSync(join(__dirname, '..', 'libs', 'planning', 'src', '__fixtures__', name), 'utf8');
export const quotesOf = (path: string, r: PlanImport): string[] => r.evidence.filter((e) => e.path === path).map((e) => e.quote);

/** Every quote occurs verbatim in the text, and every value of the draft has at least one. */
export function expectEvidenced(text: string, r: PlanImport): void {
  for (const e of [...r.evidence, ...r.unresolved]) expect(text).toContain(e.quote);
  const d = r.draft;
  const paths = [
    ...(['title', 'issuer', 'coordinator'] as const).filter((k) => d[k] !== undefined),
    ...Object.keys(d.milestones).map((k) => `milestones.${k}`),
    ...d.reports.flatMap((_, i) => [`reports[${i}].title`, `reports[${i}].due`]),
    ...d.meetings.flatMap((_, i) => [`meetings[${i}].title`, `meetings[${i}].at`]),
    ...d.criteria.flatMap((c, i) => [
      `criteria[${i}].title`,
      `criteria[${i}].rule`,
      ...(c.points !== undefined ? [`criteria[${i}].points`] : []),
    ]),
    ...d.unitGroups.map((_, i) => `unitGroups[${i}]`),
  ];
  for (const path of paths) expect({ path, quotes: quotesOf(path, r).length > 0 }).toEqual({ path, quotes: true });
}
