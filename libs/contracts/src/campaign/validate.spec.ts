/** isIsoInstant against the calendar, property-based (fast-check, fixed seed in CI via jest's --ci run). */
import fc from 'fast-check';
import { isIsoInstant } from './validate';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const daysIn = (y: number, mo: number): number => new Date(Date.UTC(y, mo, 0)).getUTCDate();

describe('isIsoInstant', () => {
  it('accepts every real instant with an offset, and it means what it says', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1970-01-02T00:00:00Z'), max: new Date('9999-12-30T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: -12, max: 14 }),
        (d, offsetHours) => {
          const local = new Date(d.getTime() + offsetHours * 3_600_000);
          const off = `${offsetHours < 0 ? '-' : '+'}${pad(Math.abs(offsetHours))}:00`;
          const iso = `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${off}`;
          if (local.getUTCFullYear() > 9999) return true;
          return isIsoInstant(iso) && Date.parse(iso) === Math.floor(d.getTime() / 1000) * 1000;
        },
      ),
      { seed: 20261129, numRuns: 500 },
    );
  });

  it('refuses days a month does not have, instead of shifting them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1970, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 29, max: 31 }), (y, mo, day) => {
        const iso = `${y}-${pad(mo)}-${pad(day)}T08:00:00+07:00`;
        return isIsoInstant(iso) === day <= daysIn(y, mo);
      }),
      { seed: 20261129, numRuns: 500 },
    );
  });

  it('refuses what JavaScript parses and a person did not mean', () => {
    for (const bad of ['1', '2026', '2026-02-30T00:00:00Z', '+099999-01-01T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01T10:60:00Z', '2026-01-01T10:00:00', '1969-12-31T23:59:59Z', '2026-01-01T10:00:00+15:00', ' 2026-01-01T10:00:00Z']) {
      expect([bad, isIsoInstant(bad)]).toEqual([bad, false]);
    }
    expect(isIsoInstant('2028-02-29T00:00:00+07:00')).toBe(true);
    expect(isIsoInstant('2026-03-15T08:00Z')).toBe(true);
  });
});
