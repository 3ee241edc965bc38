import { decreeInForce } from './papers';

describe('the decree a decision cites', () => {
  it('is the one in force on the day it is issued (Nghị định 152/2025 from 01/07/2025, 98/2023 before)', () => {
    expect(decreeInForce('2026-12-04T03:00:00Z')).toBe('Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025');
    // Midnight of 01/07/2025 in Hà Nội is 30/06/2025 17:00 UTC.
    expect(decreeInForce('2025-06-30T17:00:00Z')).toMatch(/^Nghị định số 152\/2025/);
    expect(decreeInForce('2025-06-30T16:59:59Z')).toMatch(/^Nghị định số 98\/2023/);
    expect(decreeInForce('2024-05-20T00:00:00Z')).toMatch(/^Nghị định số 98\/2023/);
  });
});
