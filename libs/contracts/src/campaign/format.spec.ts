import { isoWithOffset } from './format';

describe('an instant in ISO 8601 with its offset', () => {
  it('is written in the zone asked for, with the zone’s offset (UTC written +00:00)', () => {
    expect(isoWithOffset(new Date('2026-12-05T02:30:15Z'), 'Asia/Ho_Chi_Minh')).toBe('2026-12-05T09:30:15+07:00');
    expect(isoWithOffset(new Date('2026-12-31T20:00:00Z'), 'Asia/Ho_Chi_Minh')).toBe('2027-01-01T03:00:00+07:00');
    expect(isoWithOffset(new Date('2026-12-05T02:30:15Z'), 'UTC')).toBe('2026-12-05T02:30:15+00:00');
  });
});
