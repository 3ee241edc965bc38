/**
 * Seeds the province and its communes, wards and special zones from the official 2025 list (PyPI
 * `vietnam-provinces`, pinned): npm run org:import -- --province 79. Idempotent; prints one line of JSON.
 */
import { configOrExit, loadDatabaseConfig } from '@thidua/config';
import { officialProvince } from '@thidua/devkit';
import { createDataSource, importProvince, runMigrations } from '@thidua/persistence';

const USAGE = 'Cách dùng (usage): npm run org:import -- --province <mã tỉnh/thành phố, ví dụ 79>';

async function main(): Promise<number> {
  const i = process.argv.indexOf('--province');
  const code = i >= 0 ? process.argv[i + 1] : undefined;
  if (!code || !/^\d{1,3}$/.test(code)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const province = officialProvince(Number(code));
  if (!province) {
    process.stderr.write(`Không có tỉnh, thành phố mã ${code} trong danh mục năm 2025 (34 tỉnh, thành phố).\n`);
    return 2;
  }
  const config = configOrExit(() => loadDatabaseConfig());
  await runMigrations(config.databaseUrl);
  const ds = await createDataSource({ url: config.databaseUrl, poolSize: 1, applicationName: 'thi-dua-org-import' }).initialize();
  try {
    const result = await importProvince(ds, province, 'system:org-import');
    process.stdout.write(
      `${JSON.stringify({ level: 'info', context: 'org-import', message: `${result.province}: ${result.created} tổ chức mới, ${result.existing} đã có`, ...result })}\n`,
    );
    return 0;
  } finally {
    await ds.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(
      `${JSON.stringify({ level: 'fatal', context: 'org-import', message: err instanceof Error ? err.message : String(err) })}\n`,
    );
    process.exit(1);
  },
);
