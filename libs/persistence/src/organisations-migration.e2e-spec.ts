/**
 * An installation of the release before organisations, upgraded: it becomes the root organisation with its
 * accounts (each keeping its role there), units, campaigns, templates and calendar feeds unchanged; and the
 * migration can be undone to the shape it had.
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createDataSource, MIGRATIONS, runMigrations } from './data-source';
import { ensureDatabase } from './databases';

/** The position of the migration under test. */
const THIS = MIGRATIONS.findIndex((m) => m.name === 'Organisations1764470000000');

describe('upgrading a single office to organisations', () => {
  let url: string;
  let before: DataSource;
  const [admin, clerk] = [randomUUID(), randomUUID()];

  beforeAll(async () => {
    ({ url } = await ensureDatabase(process.env.DATABASE_URL!, `orgmig_${Date.now()}_${Math.floor(Math.random() * 1e6)}`));
    // The release before: every migration before this one.
    before = new DataSource({
      ...createDataSource({ url, poolSize: 2 }).options,
      migrations: MIGRATIONS.slice(0, THIS),
    });
    await before.initialize();
    await before.runMigrations({ transaction: 'each' });
    await before.query("INSERT INTO units (id, name, kind) VALUES ('phong-y-te', 'Phòng Y tế', 'agency')");
    await before.query(
      `INSERT INTO accounts (id, username, password_hash, role, unit_id) VALUES ($1, 'quan-tri', 'h', 'admin', NULL), ($2, 'y-te', 'h', 'unit', 'phong-y-te')`,
      [admin, clerk],
    );
    await before.query(
      "INSERT INTO campaigns (id, definition, definition_hash, units_total, version) VALUES ('dot-2026', '{}', 'h', 1, 1)",
    );
    await before.query(
      "INSERT INTO campaign_templates (id, builtin, current_version) VALUES ('mau-co-san', true, 1), ('mau-rieng', false, 1)",
    );
    await before.query("INSERT INTO calendar_feeds (token_hash, token, account_id) VALUES ('th', 't', $1)", [clerk]);
  });
  afterAll(async () => {
    await before?.destroy();
  });

  it('makes the installation the root organisation, every record its own, every account keeping its role', async () => {
    expect(await runMigrations(url)).toEqual(MIGRATIONS.slice(THIS).map((m) => m.name));
    const ds = await createDataSource({ url, poolSize: 2 }).initialize();
    try {
      expect(await ds.query('SELECT id, parent_id, kind FROM organisations')).toEqual([{ id: 'root', parent_id: null, kind: 'agency' }]);
      expect(await ds.query('SELECT account_id, org_id, role, unit_id FROM role_grants ORDER BY role')).toEqual([
        { account_id: admin, org_id: 'root', role: 'admin', unit_id: null },
        { account_id: clerk, org_id: 'root', role: 'unit', unit_id: 'phong-y-te' },
      ]);
      for (const table of ['accounts', 'units', 'campaigns', 'campaign_templates'])
        expect(await ds.query(`SELECT DISTINCT org_id FROM ${table}`)).toEqual([{ org_id: 'root' }]);
      expect(await ds.query('SELECT id, shared FROM campaign_templates ORDER BY id')).toEqual([
        { id: 'mau-co-san', shared: true },
        { id: 'mau-rieng', shared: false },
      ]);
      expect(await ds.query('SELECT org_id, role, unit_id FROM calendar_feeds')).toEqual([
        { org_id: 'root', role: 'unit', unit_id: 'phong-y-te' },
      ]);
      // One root only: another organisation without a parent is refused.
      await expect(
        ds.query("INSERT INTO organisations (id, parent_id, kind, name) VALUES ('khac', NULL, 'agency', 'Khác')"),
      ).rejects.toThrow(/organisations_check/);
      // Undone (with every later one): the accounts carry their role again.
      for (let i = THIS; i < MIGRATIONS.length; i++) await ds.undoLastMigration({ transaction: 'each' });
      expect(await ds.query('SELECT username, role, unit_id FROM accounts ORDER BY username')).toEqual([
        { username: 'quan-tri', role: 'admin', unit_id: null },
        { username: 'y-te', role: 'unit', unit_id: 'phong-y-te' },
      ]);
    } finally {
      await ds.destroy();
    }
  });
});
