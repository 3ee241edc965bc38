import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Units of two-level local government: communes (UBND xã) and neighbourhoods (khu phố, ấp) join agencies,
 * service units and wards. The kinds are the contracts' UNIT_KIND_LABELS; the check keeps the table honest.
 */
export class UnitKinds1764360000000 implements MigrationInterface {
  name = 'UnitKinds1764360000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE units DROP CONSTRAINT IF EXISTS units_kind_check');
    await q.query(
      "ALTER TABLE units ADD CONSTRAINT units_kind_check CHECK (kind IN ('agency', 'service-unit', 'ward', 'commune', 'neighbourhood'))",
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE units DROP CONSTRAINT IF EXISTS units_kind_check');
    await q.query("ALTER TABLE units ADD CONSTRAINT units_kind_check CHECK (kind IN ('agency', 'service-unit', 'ward'))");
  }
}
