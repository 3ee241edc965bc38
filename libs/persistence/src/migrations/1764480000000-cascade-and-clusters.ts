import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Campaigns across levels and emulation clusters. A sub-campaign names the campaign and unit it reports for in
 * its definition; the two columns are generated from it (the launch and the rebuild write only the definition),
 * indexed for the roll-up of a campaign's sub-campaigns. Clusters (cụm, khối thi đua) belong to an organisation
 * and a year; each row is the fold of its `cluster:<id>` stream.
 */
export class CascadeAndClusters1764480000000 implements MigrationInterface {
  name = 'CascadeAndClusters1764480000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE campaigns
      ADD COLUMN parent_campaign_id text GENERATED ALWAYS AS (definition -> 'parent' ->> 'campaignId') STORED,
      ADD COLUMN parent_unit_id text GENERATED ALWAYS AS (definition -> 'parent' ->> 'unitId') STORED`);
    await q.query('CREATE INDEX campaigns_parent ON campaigns (parent_campaign_id, parent_unit_id) WHERE parent_campaign_id IS NOT NULL');
    await q.query(`CREATE TABLE clusters (
      id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
      org_id text NOT NULL REFERENCES organisations (id),
      year integer NOT NULL,
      cluster jsonb NOT NULL,
      version integer NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    )`);
    await q.query('CREATE INDEX clusters_org_year ON clusters (org_id, year)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE clusters');
    await q.query('DROP INDEX campaigns_parent');
    await q.query('ALTER TABLE campaigns DROP COLUMN parent_unit_id, DROP COLUMN parent_campaign_id');
  }
}
