import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Registers of decision numbers (sổ đăng ký văn bản), one per issuer and year: the last number given. A
 * number is taken in the transaction that records the decision, so a rolled-back decision gives its number
 * back and the register stays gap-free; the row lock makes two decisions at once take two numbers.
 */
export class DecisionRegisters1764400000000 implements MigrationInterface {
  name = 'DecisionRegisters1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE decision_registers (
      issuer_key text NOT NULL,
      year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
      last_number integer NOT NULL CHECK (last_number >= 0),
      PRIMARY KEY (issuer_key, year)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE decision_registers');
  }
}
