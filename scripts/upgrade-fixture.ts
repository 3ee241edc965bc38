/**
 * The upgrade fixture: an installation of this release stopped mid-campaign, kept so the next release can be
 * tested starting on it (test/upgrade.e2e-spec.ts). Recorded by `npm run release` (or alone:
 * `npm run record-upgrade-fixture -- VERSION`) into test/fixtures/upgrade/<version>/:
 *   - manifest.json, app.dump: a backup of the application's database (Debian's PostgreSQL 15, its pg_dump);
 *   - temporal.sqlite.gz (and temporal.sqlite-wal.gz): the Temporal dev server's store, its workflows running;
 *   - fixture.json: the release, its commit, and the campaign's state when stopped.
 * The campaign's deadlines are years ahead, so the fixture stays mid-campaign however late it is loaded; the test
 * moves them to now to finish it.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { NestFactory } from '@nestjs/core';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { CampaignLauncher } from '@thidua/campaigns';
import { loadServiceConfig } from '@thidua/config';
import {
  BINH_TAN_2019,
  decideRegistration,
  getUnitState,
  submitRegistration,
  unitWorkflowId,
  type CampaignDefinition,
} from '@thidua/contracts';
import { debianPostgresBin, REPO_ROOT, startEmbeddedPostgres, startTemporalDevServer, waitFor } from '@thidua/devkit';
import { runMigrations } from '@thidua/persistence';
import { writeWorkflowBundle } from '@thidua/temporal';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { backupDatabases } from '../apps/worker/src/operations/backup';

/** Where fixtures are kept, one folder per release. */
export const UPGRADE_FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'upgrade');

/** What fixture.json says. */
export interface UpgradeFixture {
  readonly version: string;
  readonly commit: string;
  readonly recordedAt: string;
  /** The task queue its workflows run on (the production default). */
  readonly taskQueue: string;
  readonly campaignId: string;
  readonly units: readonly string[];
  /** Units registered when stopped: the first approved, the second returned, the third waiting. */
  readonly registered: readonly [string, string, string];
}

const TASK_QUEUE = 'thi-dua';

/** The dev server's store: its SQLite file and, in WAL mode, the log beside it (part of the store, read back on open). */
const TEMPORAL_STORE = ['temporal.sqlite', 'temporal.sqlite-wal'] as const;

/** Writes a fixture's Temporal store into `dir`; answers the SQLite file to start the dev server on. */
export function unpackTemporalStore(fixtureDir: string, dir: string): string {
  for (const file of TEMPORAL_STORE) {
    if (existsSync(join(fixtureDir, `${file}.gz`)))
      writeFileSync(join(dir, file), gunzipSync(readFileSync(join(fixtureDir, `${file}.gz`))));
  }
  return join(dir, TEMPORAL_STORE[0]);
}

/** Records the fixture of `version` into test/fixtures/upgrade/<version> with the code of this tree. */
export async function recordUpgradeFixture(version: string, log: (line: string) => void): Promise<string> {
  const out = join(UPGRADE_FIXTURES, version);
  if (existsSync(out)) throw new Error(`${out} already exists`);
  const work = mkdtempSync(join(tmpdir(), 'upgrade-fixture-'));
  // As root, PostgreSQL runs as the unprivileged `postgres` user, which must be able to enter this folder.
  chmodSync(work, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: join(work, 'pg'), binDir: debianPostgresBin(15), ephemeral: true });
  try {
    await runMigrations(pg.url);
    const sqlite = join(work, TEMPORAL_STORE[0]);
    const temporal = await startTemporalDevServer({ dbFilename: sqlite });
    const bundle = join(work, 'workflow-bundle.js');
    await writeWorkflowBundle(bundle);
    const config = loadServiceConfig({
      ...process.env,
      DATABASE_URL: pg.url,
      TEMPORAL_ADDRESS: temporal.address,
      WORKFLOW_BUNDLE_PATH: bundle,
      TEMPORAL_TASK_QUEUE: TASK_QUEUE,
      DIGEST_CRON: '',
      LOG_LEVEL: 'warn',
      PROCESS_NAME: 'fixture-worker',
    });
    const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
    await worker.init();
    let fixture: UpgradeFixture;
    try {
      const client = worker.get(Client);
      const ds = worker.get(DataSource);
      const campaignId = `nang-cap-${version.replace(/\W/g, '-')}`;
      const year = new Date().getFullYear() + 4;
      const def: CampaignDefinition = {
        ...BINH_TAN_2019,
        code: campaignId,
        units: BINH_TAN_2019.units.slice(0, 6),
        milestones: {
          launchAt: new Date().toISOString(),
          registrationDue: `${year}-01-15T17:00:00.000Z`,
          registrationCutoffAt: `${year}-01-31T17:00:00.000Z`,
          interimReviewAt: `${year}-06-30T01:00:00.000Z`,
          campaignEndsAt: `${year}-11-30T17:00:00.000Z`,
          finalReportDue: `${year}-12-15T17:00:00.000Z`,
          finalReportCutoffAt: `${year}-12-31T16:00:00.000Z`,
        },
      };
      log(`launching ${campaignId} (${def.units.length} units)`);
      await new CampaignLauncher(ds, client, TASK_QUEUE).launch(def, 'admin');
      const units = def.units.map((u) => u.id);
      await waitFor(
        'the units to be enrolled',
        async () => {
          const [row] = await ds.query<Array<{ n: string }>>('SELECT count(*) AS n FROM unit_status WHERE campaign_id = $1', [campaignId]);
          const [campaign] = await ds.query<Array<{ status: string }>>('SELECT status FROM campaigns WHERE id = $1', [campaignId]);
          return Number(row.n) === units.length && campaign?.status === 'running';
        },
        120_000,
        200,
      );
      const unit = (id: string) => client.workflow.getHandle(unitWorkflowId(campaignId, id));
      const registered = [units[0], units[1], units[2]] as const;
      for (const id of registered) {
        await unit(id).executeUpdate(submitRegistration, {
          args: [
            {
              actor: `unit:${id}`,
              commitments: 'Thực hiện tốt cải cách hành chính năm nay',
              initiatives: [{ title: 'Một cửa điện tử', description: 'Tiếp nhận hồ sơ trực tuyến' }],
            },
          ],
        });
      }
      await unit(registered[0]).executeUpdate(decideRegistration, { args: [{ actor: 'coordinator', decision: 'approve' }] });
      await unit(registered[1]).executeUpdate(decideRegistration, {
        args: [{ actor: 'coordinator', decision: 'return', reason: 'Bổ sung chỉ tiêu số hóa hồ sơ' }],
      });
      // Every unit's workflow holds what the log holds before the worker stops.
      for (const id of units) {
        const [row] = await ds.query<Array<{ last_seq: number }>>(
          'SELECT last_seq FROM unit_status WHERE campaign_id = $1 AND unit_id = $2',
          [campaignId, id],
        );
        const state = await client.workflow.getHandle(unitWorkflowId(campaignId, id)).query(getUnitState);
        if (state.seq !== row.last_seq) throw new Error(`${id}: workflow at ${state.seq}, log at ${row.last_seq}`);
      }
      fixture = {
        version,
        commit: execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim(),
        recordedAt: new Date().toISOString(),
        taskQueue: TASK_QUEUE,
        campaignId,
        units,
        registered,
      };
    } finally {
      await worker.close();
    }
    await temporal.stop();
    log('backing up the database');
    await backupDatabases(pg.url, out);
    for (const file of TEMPORAL_STORE) {
      if (existsSync(join(work, file))) writeFileSync(join(out, `${file}.gz`), gzipSync(readFileSync(join(work, file)), { level: 9 }));
    }
    writeFileSync(join(out, 'fixture.json'), `${JSON.stringify(fixture, null, 2)}\n`);
    log(`recorded ${out}`);
    return out;
  } catch (err) {
    rmSync(out, { recursive: true, force: true }); // no half-recorded fixture
    throw err;
  } finally {
    await pg.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const version = process.argv[2];
  if (!version) {
    process.stderr.write('Cách dùng (usage): record-upgrade-fixture VERSION\n');
    process.exit(2);
  }
  recordUpgradeFixture(version, (line) => process.stderr.write(`${line}\n`)).then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`${String((err as Error)?.stack ?? err)}\n`);
      process.exit(1);
    },
  );
}
