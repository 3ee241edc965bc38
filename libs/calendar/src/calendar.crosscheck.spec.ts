/**
 * The calendar against an independent, kept dataset: python-holidays 0.108 (Vietnam), installed into the
 * project's tool venv from PyPI by the test command. Every Tết of 1980–2040, every Giỗ Tổ Hùng Vương of
 * 2007–2040 (a holiday since 2007) and every non-working day of 2015–2040 (rules and announced swaps) must
 * agree; the only differences allowed are listed, each with its reason.
 */
import { spawnSync } from 'node:child_process';
import { PYPI_PINS, pythonWith } from '@thidua/devkit';
import { ANNOUNCED_OVERRIDES, CALENDAR_YEARS, ruleHolidays, tet, lunarToSolar } from '.';

const SCRIPT = `
import json, holidays
out = {}
for y in range(1980, 2041):
    out[y] = sorted((str(d), n) for d, n in holidays.VN(years=y, language="en_US").items() if d.year == y)
print(json.dumps(out))
`;

/** Differences with the dataset, each explained; none are expected today. */
const EXPLAINED: Record<string, string> = {};

const ymd = (d: { year: number; month: number; day: number }): string =>
  `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

describe('cross-check with python-holidays', () => {
  const python = pythonWith('holidays', PYPI_PINS.holidays);
  const dataset: Record<string, Array<[string, string]>> = python
    ? JSON.parse(spawnSync(python, ['-c', SCRIPT], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).stdout)
    : {};

  it('has the dataset (installed from PyPI into .tools/venv)', () => {
    expect(python).toBeDefined();
    expect(Object.keys(dataset)).toHaveLength(61);
  });

  it('agrees on every Tết of 1980–2040 (lunar calendar at UTC+7) and every Giỗ Tổ of 2007–2040', () => {
    const differences: string[] = [];
    for (let y = 1980; y <= 2040; y++) {
      const theirs = dataset[y].find(([, n]) => n === 'Lunar New Year')?.[0];
      if (ymd(tet(y)) !== theirs) differences.push(`${y} Tết: ours ${ymd(tet(y))}, theirs ${theirs}`);
      if (y >= 2007) {
        const hung = ymd(lunarToSolar({ year: y, month: 3, day: 10, leap: false })!);
        const theirsHung = dataset[y].find(([, n]) => n === "Hung Kings' Commemoration Day")?.[0];
        if (hung !== theirsHung) differences.push(`${y} Giỗ Tổ: ours ${hung}, theirs ${theirsHung}`);
      }
    }
    expect(differences).toEqual([]);
  });

  it('agrees on every non-working day of 2015–2040, rules and announced swaps, weekends aside', () => {
    const differences: string[] = [];
    for (let y = CALENDAR_YEARS.first; y <= CALENDAR_YEARS.last; y++) {
      const ours = new Set([
        ...ruleHolidays(y).map((h) => h.date),
        ...ANNOUNCED_OVERRIDES.filter((o) => o.kind === 'day-off' && o.date.startsWith(`${y}-`)).map((o) => o.date),
      ]);
      const theirs = new Set(dataset[y].map(([d]) => d));
      for (const d of ours) if (!theirs.has(d) && !EXPLAINED[d]) differences.push(`${d} off in ours only`);
      for (const d of theirs)
        if (!ours.has(d) && !EXPLAINED[d]) differences.push(`${d} off in theirs only (${dataset[y].find(([x]) => x === d)?.[1]})`);
    }
    expect(differences).toEqual([]);
  });
});
