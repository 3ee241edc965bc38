/**
 * Decision numbers on the real PostgreSQL: concurrent decisions take consecutive numbers, none twice; a
 * decision rolled back gives its number back (the register stays gap-free); registers are per issuer and year.
 */
import { type DataSource } from 'typeorm';
import { createIsolatedDatabase } from '@thidua/testing';
import { createDataSource } from './data-source';
import { decisionNumber, takeDecisionNumber } from './decision-registers';

describe('decision registers', () => {
  let ds: DataSource;

  beforeAll(async () => {
    ds = await createDataSource({ url: await createIsolatedDatabase('registers'), poolSize: 25 }).initialize();
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  it('gives 20 concurrent decisions the numbers 1–20, each once', async () => {
    const numbers = await Promise.all(
      Array.from({ length: 20 }, () => ds.transaction((m) => takeDecisionNumber(m, 'ubnd-phuong-7', 2027))),
    );
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('takes a rolled-back decision’s number back, and keeps registers apart by issuer and year', async () => {
    await expect(
      ds.transaction(async (m) => {
        await takeDecisionNumber(m, 'ubnd-phuong-8', 2027);
        throw new Error('the decision could not be recorded');
      }),
    ).rejects.toThrow('could not be recorded');
    expect(await ds.transaction((m) => takeDecisionNumber(m, 'ubnd-phuong-8', 2027))).toBe(1);
    expect(await ds.transaction((m) => takeDecisionNumber(m, 'ubnd-phuong-8', 2028))).toBe(1);
    expect(decisionNumber(125, 'UBND')).toBe('125/QĐ-UBND');
  });
});
