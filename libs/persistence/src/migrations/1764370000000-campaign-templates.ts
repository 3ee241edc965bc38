import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Campaign templates as data: one row per template (what it is, its current version) and every saved
 * version kept (a version is never changed; saving makes the next one). Built-in templates are seeded by
 * the API at start and cannot be edited, only cloned.
 */
export class CampaignTemplates1764370000000 implements MigrationInterface {
  name = 'CampaignTemplates1764370000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE campaign_templates (
      id text PRIMARY KEY,
      builtin boolean NOT NULL DEFAULT false,
      historical boolean NOT NULL DEFAULT false,
      cloned_from text,
      current_version integer NOT NULL CHECK (current_version >= 1),
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by text
    )`);
    await q.query(`CREATE TABLE campaign_template_versions (
      template_id text NOT NULL REFERENCES campaign_templates (id),
      version integer NOT NULL CHECK (version >= 1),
      title text NOT NULL,
      description text NOT NULL,
      definition jsonb NOT NULL,
      saved_at timestamptz NOT NULL DEFAULT now(),
      saved_by text,
      PRIMARY KEY (template_id, version)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE campaign_template_versions');
    await q.query('DROP TABLE campaign_templates');
  }
}
