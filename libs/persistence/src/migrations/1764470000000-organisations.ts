import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One installation for a whole province: organisations in a tree (the province, its departments and communes,
 * and whatever a body adds below it), roles held in an organisation, and an owner for every campaign, template
 * and directory unit. The installation as it was becomes the tree's root organisation, `root`: its accounts
 * keep their role there, its units, campaigns and templates belong to it, and old events (which name no
 * organisation) fold to it. The tree has exactly one root; `npm run org:import` names it after the province.
 */
export class Organisations1764470000000 implements MigrationInterface {
  name = 'Organisations1764470000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE organisations (
      id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
      parent_id text REFERENCES organisations (id),
      kind text NOT NULL CHECK (kind IN ('agency', 'province', 'department', 'ward', 'commune', 'special-zone', 'office')),
      name text NOT NULL,
      short_name text,
      code text UNIQUE,
      settings jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by text,
      CHECK ((id = 'root') = (parent_id IS NULL))
    )`);
    await q.query('CREATE INDEX organisations_parent ON organisations (parent_id)');
    await q.query(
      `INSERT INTO organisations (id, parent_id, kind, name, short_name) VALUES ('root', NULL, 'agency', 'Cơ quan sử dụng hệ thống', NULL)`,
    );

    await q.query(`CREATE TABLE role_grants (
      account_id uuid NOT NULL REFERENCES accounts (id),
      org_id text NOT NULL REFERENCES organisations (id),
      role text NOT NULL CHECK (role IN ('admin', 'coordinator', 'leader', 'council', 'unit')),
      unit_id text REFERENCES units (id),
      PRIMARY KEY (account_id, org_id, role),
      CHECK ((role = 'unit') = (unit_id IS NOT NULL))
    )`);
    await q.query('CREATE INDEX role_grants_org ON role_grants (org_id, role)');
    await q.query(`INSERT INTO role_grants (account_id, org_id, role, unit_id) SELECT id, 'root', role, unit_id FROM accounts`);
    // A calendar feed shows what one role sees, where it holds it.
    await q.query(`ALTER TABLE calendar_feeds ADD COLUMN org_id text NOT NULL DEFAULT 'root' REFERENCES organisations (id),
      ADD COLUMN role text, ADD COLUMN unit_id text`);
    await q.query('UPDATE calendar_feeds f SET role = a.role, unit_id = a.unit_id FROM accounts a WHERE a.id = f.account_id');
    await q.query('ALTER TABLE calendar_feeds ALTER COLUMN role SET NOT NULL, ALTER COLUMN org_id DROP DEFAULT');
    await q.query('ALTER TABLE accounts DROP COLUMN role, DROP COLUMN unit_id');

    // Each account belongs to the organisation it was made in (its roles may be anywhere).
    for (const table of ['accounts', 'units', 'campaigns', 'campaign_templates'])
      await q.query(`ALTER TABLE ${table} ADD COLUMN org_id text NOT NULL DEFAULT 'root' REFERENCES organisations (id)`);
    await q.query('ALTER TABLE campaign_templates ADD COLUMN shared boolean NOT NULL DEFAULT false');
    await q.query('UPDATE campaign_templates SET shared = true WHERE builtin');
    await q.query('CREATE INDEX units_org ON units (org_id, kind, name)');
    await q.query('CREATE INDEX campaigns_org ON campaigns (org_id, created_at DESC)');
    await q.query('CREATE INDEX campaign_templates_org ON campaign_templates (org_id)');

    // Organisations and roles changed: every API instance drops its cached tree and the grants it holds.
    await q.query(`CREATE FUNCTION live_organisations_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('thidua_live', json_build_object('k', 'orgs')::text);
        RETURN NULL;
      END $$`);
    for (const table of ['organisations', 'role_grants'])
      await q.query(`CREATE TRIGGER ${table}_live AFTER INSERT OR UPDATE OR DELETE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION live_organisations_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['organisations', 'role_grants']) await q.query(`DROP TRIGGER ${table}_live ON ${table}`);
    await q.query('DROP FUNCTION live_organisations_changed()');
    await q.query("ALTER TABLE accounts ADD COLUMN role text NOT NULL DEFAULT 'admin', ADD COLUMN unit_id text REFERENCES units (id)");
    await q.query(`UPDATE accounts a SET role = g.role, unit_id = g.unit_id FROM (
      SELECT DISTINCT ON (account_id) account_id, role, unit_id FROM role_grants ORDER BY account_id, org_id = 'root' DESC, role) g
      WHERE g.account_id = a.id`);
    await q.query('ALTER TABLE accounts ALTER COLUMN role DROP DEFAULT');
    // Each account belongs to the organisation it was made in (its roles may be anywhere).
    for (const table of ['accounts', 'units', 'campaigns', 'campaign_templates']) await q.query(`ALTER TABLE ${table} DROP COLUMN org_id`);
    await q.query('ALTER TABLE calendar_feeds DROP COLUMN org_id, DROP COLUMN role, DROP COLUMN unit_id');
    await q.query('ALTER TABLE campaign_templates DROP COLUMN shared');
    await q.query('DROP TABLE role_grants');
    await q.query('DROP TABLE organisations');
  }
}
