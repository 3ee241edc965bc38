/**
 * Operator commands (see README, "When a unit is stuck"):
 *   node dist/scripts/ops.js stuck [--campaign ID] [--json]     units whose workflow or store append keeps failing
 *   node dist/scripts/ops.js restart-unit CAMPAIGN UNIT         restarts a closed unit workflow from its log
 *   node dist/scripts/ops.js recover [--dry-run] [--campaign ID] [--json]
 *                                       starts again, from the log, every campaign and unit workflow Temporal lost
 *   node dist/scripts/ops.js backup [--out DIR]     dumps the database (and Temporal's, in cluster mode)
 *   node dist/scripts/ops.js restore DIR            loads a backup into an empty server
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { configOrExit, loadConfig, loadServiceConfig } from '@thidua/config';
import { postgresPasswordFile, REPO_ROOT } from '@thidua/devkit';
import { createDataSource } from '@thidua/persistence';
import { findStuckUnits, restartUnitFromLog, type StuckUnit } from '../apps/worker/src/operations/stuck-units';
import { recoverFromLog, type Recovery } from '../apps/worker/src/operations/recover';
import { backupDatabases, restoreDatabases, type BackupManifest } from '../apps/worker/src/operations/backup';

const USAGE =
  'Cách dùng (usage): ops stuck [--campaign ID] [--json] | ops restart-unit CAMPAIGN UNIT | ops recover [--dry-run] [--campaign ID] [--json] | ops backup [--out DIR] | ops restore DIR';

const REASON: Record<Recovery['reason'], string> = {
  missing: 'không có trong Temporal (missing)',
  closed: 'đã dừng trong khi nhật ký còn mở (closed)',
  behind: 'chậm hơn nhật ký (behind the log)',
};

function printRecoveries(done: readonly Recovery[], dryRun: boolean): void {
  if (done.length === 0) {
    process.stdout.write('Mọi workflow đã khớp với nhật ký. (Every workflow is in line with the log.)\n');
    return;
  }
  process.stdout.write(
    dryRun
      ? `Sẽ khởi động lại từ nhật ký ${done.length} workflow (dry run, nothing started):\n`
      : `Đã khởi động lại từ nhật ký ${done.length} workflow (started again from the log):\n`,
  );
  for (const r of done) {
    const jobs = r.jobs?.length ? `; gửi lại thay đổi cho đơn vị (fan-out again): ${r.jobs.join(', ')}` : '';
    process.stdout.write(`- ${r.workflowId}  ${REASON[r.reason]}; từ sự kiện ${r.seq}${jobs}\n`);
  }
}

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function print(units: readonly StuckUnit[]): void {
  if (units.length === 0) {
    process.stdout.write('Không có đơn vị nào bị kẹt. (No stuck units.)\n');
    return;
  }
  process.stdout.write(`${units.length} đơn vị bị kẹt (stuck):\n`);
  for (const u of units) {
    process.stdout.write(
      [
        `- ${u.workflowId}  [${u.reason}]${u.attempts ? `  lần thử ${u.attempts}` : ''}${u.since ? `  từ ${u.since}` : ''}`,
        `    Lỗi cuối (last error): ${u.lastError}`,
        `    Cách xử lý (repair): ${u.repair}`,
      ].join('\n') + '\n',
    );
  }
}

/**
 * The database backup and restore work on: DATABASE_URL, else the run command's embedded server (its port and
 * the password kept beside its data folder).
 */
function backupDatabaseUrl(): { url: string; dataDir: string } {
  const config = configOrExit(() => loadConfig());
  const dataDir = resolve(REPO_ROOT, config.dataDir); // as the run command resolves it
  if (config.databaseUrl) return { url: config.databaseUrl, dataDir };
  const passwordFile = postgresPasswordFile(join(dataDir, 'postgres'));
  if (!existsSync(passwordFile))
    throw new Error(`Đặt DATABASE_URL, hoặc chạy lệnh trong thư mục của make run (no DATABASE_URL and no ${passwordFile})`);
  const password = readFileSync(passwordFile, 'utf8').trim();
  return { url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${config.embeddedPostgresPort}/thidua`, dataDir };
}

function printManifest(what: string, where: string, manifest: BackupManifest): void {
  process.stdout.write(
    `${what} ${where} (PostgreSQL ${manifest.serverVersion}, ${manifest.createdAt}): ${manifest.databases.map((d) => d.name).join(', ')}\n`,
  );
}

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'backup' || command === 'restore') {
    const { url, dataDir } = backupDatabaseUrl();
    if (command === 'backup') {
      const out = resolve(option('out') ?? join(dataDir, 'backups', new Date().toISOString().replace(/[:.]/g, '-')));
      printManifest('Đã sao lưu vào (backed up to)', out, await backupDatabases(url, out));
      return 0;
    }
    if (!rest[0]) {
      process.stderr.write(`${USAGE}\n`);
      return 2;
    }
    printManifest('Đã khôi phục từ (restored from)', resolve(rest[0]), await restoreDatabases(url, resolve(rest[0])));
    process.stdout.write('Tiếp theo: npm run recover (next: bring the workflows in line with the restored log)\n');
    return 0;
  }
  if (command !== 'stuck' && command !== 'restart-unit' && command !== 'recover') {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = configOrExit(() => loadServiceConfig());
  const ds = await createDataSource({ url: config.databaseUrl, poolSize: 2, applicationName: 'thi-dua-ops' }).initialize();
  const connection = await Connection.connect({ address: config.temporalAddress });
  try {
    const client = new Client({ connection, namespace: config.temporalNamespace });
    if (command === 'recover') {
      const dryRun = process.argv.includes('--dry-run');
      const done = await recoverFromLog(ds, client, config.taskQueue, { dryRun, campaignId: option('campaign') });
      if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(done, null, 2)}\n`);
      else printRecoveries(done, dryRun);
      return 0;
    }
    if (command === 'stuck') {
      const units = await findStuckUnits(ds, client, { campaignId: option('campaign') });
      if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(units, null, 2)}\n`);
      else print(units);
      return units.length > 0 ? 1 : 0;
    }
    const [campaignId, unitId] = rest;
    if (!campaignId || !unitId) {
      process.stderr.write(`${USAGE}\n`);
      return 2;
    }
    const state = await restartUnitFromLog(ds, client, config.taskQueue, campaignId, unitId);
    process.stdout.write(`Đã khởi động lại ${unitId} từ nhật ký (sự kiện ${state.seq}, giai đoạn ${state.phase}).\n`);
    return 0;
  } finally {
    await connection.close();
    await ds.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${String((err as Error)?.message ?? err)}\n`);
    process.exit(1);
  },
);
