/**
 * Operator commands (see README, "When a unit is stuck"):
 *   node dist/scripts/ops.js stuck [--campaign ID] [--json]     units whose workflow or store append keeps failing
 *   node dist/scripts/ops.js restart-unit CAMPAIGN UNIT         restarts a closed unit workflow from its log
 */
import { Client, Connection } from '@temporalio/client';
import { configOrExit, loadServiceConfig } from '@thidua/config';
import { createDataSource } from '@thidua/persistence';
import { findStuckUnits, restartUnitFromLog, type StuckUnit } from '../apps/worker/src/operations/stuck-units';

const USAGE = 'Cách dùng (usage): ops stuck [--campaign ID] [--json] | ops restart-unit CAMPAIGN UNIT';

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

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  if (command !== 'stuck' && command !== 'restart-unit') {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = configOrExit(() => loadServiceConfig());
  const ds = await createDataSource({ url: config.databaseUrl, poolSize: 2, applicationName: 'thi-dua-ops' }).initialize();
  const connection = await Connection.connect({ address: config.temporalAddress });
  try {
    const client = new Client({ connection, namespace: config.temporalNamespace });
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
