import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The campaign as launched, stored once beside CampaignLaunched (which names it by its hash): the definition
 * with its units, never changed after. With it the `campaigns` row and `campaign_units` are a fold of the log.
 * Campaigns launched earlier get theirs from their rows: the definition as the row holds it (moved milestones
 * fold back to the same values) and the units no UnitAdded event brought.
 */
export class CampaignDefinitions1764450000000 implements MigrationInterface {
  name = 'CampaignDefinitions1764450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE campaign_definitions (
      campaign_id text PRIMARY KEY,
      hash text NOT NULL,
      definition jsonb NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE FUNCTION campaign_definitions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'campaign_definitions is append-only'; END $$`);
    await q.query(`CREATE TRIGGER campaign_definitions_immutable BEFORE UPDATE OR DELETE ON campaign_definitions
      FOR EACH ROW EXECUTE FUNCTION campaign_definitions_immutable()`);
    await q.query(`INSERT INTO campaign_definitions (campaign_id, hash, definition)
      SELECT c.id, c.definition_hash, jsonb_set(c.definition, '{units}', coalesce((
        SELECT jsonb_agg(cu.unit ORDER BY cu.position) FROM campaign_units cu
        WHERE cu.campaign_id = c.id AND NOT EXISTS (
          SELECT 1 FROM events e WHERE e.stream = 'campaign:' || c.id AND e.type = 'UnitAdded' AND e.data->'unit'->>'id' = cu.unit_id)
      ), '[]'::jsonb))
      FROM campaigns c`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE campaign_definitions');
    await q.query('DROP FUNCTION campaign_definitions_immutable()');
  }
}
