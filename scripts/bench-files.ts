/**
 * npm run bench:files -- [--mb 50] [--repeat 3]
 * Evidence-file uploads through a real API process, on each store (the data folder; S3 on a real SeaweedFS),
 * scanned by a real clamd: for a PDF of N MB streamed from disk, the API process's resident memory growth
 * (VmRSS sampled every 10 ms from /proc, over the value just before) and the upload's throughput. In the same
 * run, the floors: the same bytes copied on disk, and put straight into SeaweedFS by the AWS SDK (no API), and,
 * for scale, the memory the same API grows by when it buffers an upload (the plan import keeps its ≤ 10 MiB file
 * in memory).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import {
  chmodSync,
  copyFileSync,
  createReadStream,
  createWriteStream,
  mkdtempSync,
  openAsBlob,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { freePort, REPO_ROOT, startClamd, startSeaweedfs, stopChild, waitFor } from '@thidua/devkit';
import { runMigrations } from '@thidua/persistence';
import { arg, cleanups, runBench, started, startBenchPostgres, startTemporal } from './bench-kit';

const MB = 1024 * 1024;

/** Resident memory of a process, bytes. */
function rss(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

/** Runs `work` while sampling the process's resident memory; the largest growth over the value just before. */
async function growthDuring<T>(pid: number, work: () => Promise<T>): Promise<{ value: T; growth: number; ms: number }> {
  const base = rss(pid);
  let peak = base;
  const sample = setInterval(() => (peak = Math.max(peak, rss(pid))), 10);
  const t0 = performance.now();
  try {
    const value = await work();
    peak = Math.max(peak, rss(pid));
    return { value, growth: peak - base, ms: performance.now() - t0 };
  } finally {
    clearInterval(sample);
  }
}

async function writeRandomFile(path: string, mb: number, head: string): Promise<void> {
  const out = createWriteStream(path);
  out.write(head);
  for (let i = 0; i < mb; i++) if (!out.write(randomBytes(MB))) await once(out, 'drain');
  out.end('\n%%EOF\n');
  await once(out, 'finish');
}

async function upload(base: string, token: string, path: string, name: string, route = '/api/files'): Promise<Response> {
  const form = new FormData();
  form.append('file', await openAsBlob(path), name);
  const res = await fetch(`${base}${route}`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
  await res.arrayBuffer();
  return res;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mbps = (bytes: number, ms: number): string => `${(bytes / MB / (ms / 1000)).toFixed(0)} MB/s`;

async function main(): Promise<void> {
  const mb = arg('mb', 50);
  const repeat = arg('repeat', 3);
  const dir = mkdtempSync(join(tmpdir(), 'bench-files-'));
  chmodSync(dir, 0o755); // PostgreSQL runs as its own user, which must enter the folder
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  const pg = await startBenchPostgres(dir);
  const temporal = await startTemporal('dev', dir, pg.url, 'files');
  await runMigrations(pg.url);
  const [clamd, seaweed] = await Promise.all([
    started(startClamd(join(dir, 'clamd'))),
    started(startSeaweedfs({ dir: join(dir, 'seaweedfs') })),
  ]);
  const file = join(dir, 'ho-so.pdf');
  await writeRandomFile(file, mb, '%PDF-1.7\n');
  const size = statSync(file).size;
  const plan = join(dir, 'ke-hoach.docx');
  await writeRandomFile(plan, 9, 'PK');
  const planSize = statSync(plan).size;

  // Floors: the disk copy, and SeaweedFS without the API (the SDK from this process, the same stream).
  const copies: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    copyFileSync(file, join(dir, `copy-${i}`));
    copies.push(performance.now() - t0);
    rmSync(join(dir, `copy-${i}`));
  }
  const s3 = new S3Client({
    endpoint: seaweed.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: seaweed.accessKeyId, secretAccessKey: seaweed.secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
  await s3.send(new CreateBucketCommand({ Bucket: 'bench-floor' }));
  const puts: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    await s3.send(new PutObjectCommand({ Bucket: 'bench-floor', Key: `floor-${i}`, Body: createReadStream(file), ContentLength: size }));
    puts.push(performance.now() - t0);
  }
  s3.destroy();

  const stores: Array<[string, Record<string, string>, number]> = [
    ['data folder', { STORAGE_URL: `file://${join(dir, 'files')}` }, median(copies)],
    [
      'S3 (SeaweedFS)',
      {
        STORAGE_URL: 's3://bench-files/minh-chung',
        S3_ENDPOINT: seaweed.endpoint,
        S3_ACCESS_KEY_ID: seaweed.accessKeyId,
        S3_SECRET_ACCESS_KEY: seaweed.secretAccessKey,
      },
      median(puts),
    ],
  ];
  const lines: string[] = [];
  for (const [name, storage, floorMs] of stores) {
    const port = await freePort();
    const api = spawn(process.execPath, [join(REPO_ROOT, 'dist/apps/api/src/main.js')], {
      env: {
        ...process.env,
        DATABASE_URL: pg.url,
        TEMPORAL_ADDRESS: temporal.address,
        JWT_SECRET: randomBytes(32).toString('hex'),
        ADMIN_USERNAME: 'bench-admin',
        ADMIN_PASSWORD: 'bench-admin-password',
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        DIGEST_CRON: '',
        CLAMD_SOCKET: clamd.socket,
        FILE_MAX_MB: String(mb + 10),
        ...storage,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const base = `http://127.0.0.1:${port}`;
    try {
      await waitFor('the API to be ready', async () => (await fetch(`${base}/ready`)).ok, 120_000, 200);
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'bench-admin', password: 'bench-admin-password' }),
      });
      const { accessToken } = (await login.json()) as { accessToken: string };
      // One upload to warm the process (first requests compile code paths), then the measured ones.
      await upload(base, accessToken, file, 'warm.pdf');
      const runs = [];
      for (let i = 0; i < repeat; i++) {
        const run = await growthDuring(api.pid!, () => upload(base, accessToken, file, `ho-so-${i}.pdf`));
        if (run.value.status !== 201) throw new Error(`upload answered ${run.value.status}`);
        runs.push(run);
      }
      const buffered = await growthDuring(api.pid!, () => upload(base, accessToken, plan, 'ke-hoach.docx', '/api/plan-imports/file'));
      lines.push(
        `files ${name}: ${(size / MB).toFixed(0)} MB PDF ×${repeat}, scanned by clamd: API resident growth max ${(Math.max(...runs.map((r) => r.growth)) / MB).toFixed(1)} MB ` +
          `(median ${(median(runs.map((r) => r.growth)) / MB).toFixed(1)} MB); upload ${mbps(size, median(runs.map((r) => r.ms)))} ` +
          `| floor (${name === 'data folder' ? 'disk copy' : 'SDK put to SeaweedFS, no API'}): ${mbps(size, floorMs)} ` +
          `| for scale, a buffered ${(planSize / MB).toFixed(0)} MB plan upload grows the same API by ${(buffered.growth / MB).toFixed(1)} MB`,
      );
    } finally {
      await stopChild(api, 10_000);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  for (const fn of cleanups.splice(0).reverse()) await fn().catch(() => undefined);
}

runBench(main);
