/**
 * npm run bench:live -- [--streams 500] [--staff 20] [--statements 600] [--rate 20] [--units-per-statement 10]
 * The live stream's fan-out: an API process with N unit streams and S staff streams open (Server-Sent Events
 * over HTTP, read here), while statements store events for random units at a fixed rate (as workers do, each
 * statement `--units-per-statement` units' events). Prints, per delivery (one statement to one stream that may
 * read it), the time from the statement's commit to the frame that names it; beside it, in the same run, the
 * floor: the time from the same commits to PostgreSQL's notification at a bare LISTEN connection. A stream sends
 * at most one frame per 150 ms by design (a launch stores thousands of events a second): a change after a quiet
 * spell goes out at once, a busy spell's changes wait for the window's end, which the figures include.
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JwtService } from '@nestjs/jwt';
import { Client as PgClient } from 'pg';
import { readFrames } from '@thidua/contracts';
import { freePort, REPO_ROOT, stopChild, waitFor } from '@thidua/devkit';
import { LIVE_CHANNEL, parseLiveChange, startStreams, streams } from '@thidua/persistence';
import { arg, cleanUp, cleanups, runBench, startBenchPostgres, startEngine } from './bench-kit';
import { percentile } from './load';

const log = (m: string): void => void process.stderr.write(`${m}\n`);

/** One open stream: the statements it should hear of, and the frames it got (id, arrival). */
interface Listener {
  readonly expected: number[];
  readonly frames: Array<readonly [number, number]>;
}

runBench(async () => {
  const unitStreams = arg('streams', 500);
  const staff = arg('staff', 20);
  const statements = arg('statements', 600);
  const rate = arg('rate', 20);
  const perStatement = arg('units-per-statement', 10);
  const dir = mkdtempSync(join(tmpdir(), 'thi-dua-bench-live-'));
  chmodSync(dir, 0o755); // the unprivileged PostgreSQL enters it when run as root
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  log(`live: ${unitStreams} unit streams, ${staff} staff streams; ${statements} statements at ${rate}/s, ${perStatement} units each`);
  const pg = await startBenchPostgres(dir);
  const engine = await startEngine(dir, pg.url, 'dev');
  const { ds, databaseUrl, temporal } = engine;
  const secret = randomBytes(48).toString('base64url');
  const jwt = new JwtService({ secret, signOptions: { expiresIn: 3600 } });
  const units = Array.from({ length: unitStreams }, (_, i) => `don-vi-${String(i + 1).padStart(5, '0')}`);
  // The people, written directly (their roles are checked on every request, the stream's too).
  const people = [
    ...units.map((u) => ({ id: randomUUID(), username: u, role: 'unit', unitId: u })),
    ...Array.from({ length: staff }, (_, i) => ({ id: randomUUID(), username: `dieu-phoi-${i}`, role: 'coordinator', unitId: null })),
  ];
  await ds.query("INSERT INTO units (id, name, kind) SELECT id, id, 'ward' FROM unnest($1::text[]) AS id", [units]);
  await ds.query("INSERT INTO accounts (id, username, password_hash) SELECT a, u, 'x' FROM unnest($1::uuid[], $2::text[]) AS t(a, u)", [
    people.map((p) => p.id),
    people.map((p) => p.username),
  ]);
  await ds.query(
    "INSERT INTO role_grants (account_id, org_id, role, unit_id) SELECT a, 'root', r, u FROM unnest($1::uuid[], $2::text[], $3::text[]) AS t(a, r, u)",
    [people.map((p) => p.id), people.map((p) => p.role), people.map((p) => p.unitId)],
  );
  const tokens = people.map((p) => jwt.sign({ sub: p.id, username: p.username, role: p.role, ...(p.unitId ? { unitId: p.unitId } : {}) }));

  const port = await freePort();
  const api = spawn(process.execPath, [join(REPO_ROOT, 'dist/apps/api/src/main.js')], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_TASK_QUEUE: engine.taskQueue,
      JWT_SECRET: secret,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DIGEST_CRON: '',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  cleanups.push(() => stopChild(api, 20_000));
  const base = `http://127.0.0.1:${port}`;
  await waitFor('the API to be ready', async () => (await fetch(`${base}/ready`)).ok, 120_000, 200);

  // What each statement was committed at, by its highest position.
  const committed = new Map<number, number>();
  const listeners: Listener[] = tokens.map(() => ({ expected: [], frames: [] }));
  const aborts: AbortController[] = [];
  let ready = 0;
  await Promise.all(
    tokens.map(async (token, i) => {
      const abort = new AbortController();
      aborts.push(abort);
      const res = await fetch(`${base}/api/me/live`, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
      if (res.status !== 200 || !res.body) throw new Error(`stream ${i} answered ${res.status}`);
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      const me = listeners[i];
      void (async () => {
        let buffer = '';
        try {
          for (;;) {
            const { value, done } = await reader.read();
            if (done) return;
            const at = performance.now();
            buffer = readFrames(buffer + decoder.decode(value, { stream: true }), (event, _data, id) => {
              if (event === 'ready') ready += 1;
              if (event === 'change' && id) me.frames.push([Number(id), at]);
            });
          }
        } catch {
          // aborted at the end
        }
      })();
    }),
  );
  await waitFor('every stream ready', async () => ready === tokens.length, 60_000, 100);
  cleanups.push(async () => aborts.forEach((a) => a.abort()));

  // The floor: a bare LISTEN on the same channel, timing the same commits.
  const heard = new Map<number, number>();
  const bare = new PgClient({ connectionString: databaseUrl });
  await bare.connect();
  cleanups.push(() => bare.end());
  bare.on('notification', (n) => {
    const change = parseLiveChange(n.payload);
    const at = performance.now();
    if (change?.k === 'events') heard.set(change.p, at);
  });
  await bare.query(`LISTEN ${LIVE_CHANNEL}`);

  const t0 = performance.now();
  for (let s = 0; s < statements; s++) {
    const due = t0 + (s * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const chosen = [...new Set(Array.from({ length: perStatement }, (_, k) => (s * 7919 + k * 104_729) % unitStreams))];
    // Each statement starts the streams of its units in a campaign of its own, through the event store as a launch does.
    const at = new Date().toISOString();
    const entries = chosen.map((i) => ({ ref: streams.unit(`bench-live-${s}`, units[i]), event: { type: 'BenchChanged', at, data: {} } }));
    // Timed from the statement's start: its frame may arrive before the INSERT's answer does.
    const start = performance.now();
    const stored = await startStreams(ds.manager, entries);
    // The positions are taken in the statement and announced at its commit.
    const rows: Array<{ head: string }> = await ds.query('SELECT max(position) AS head FROM events WHERE id = ANY($1)', [
      stored.map((e) => e.event.id),
    ]);
    const head = Number(rows[0].head);
    committed.set(head, start);
    for (const i of chosen) listeners[i].expected.push(head);
    for (let j = 0; j < staff; j++) listeners[unitStreams + j].expected.push(head);
  }
  // Done when every stream got a frame reaching the last statement it should hear of.
  const told = (l: Listener): boolean => l.expected.length === 0 || l.frames.some(([id]) => id >= l.expected[l.expected.length - 1]);
  await waitFor('every delivery', async () => listeners.every(told), 120_000, 100);
  // Each statement is told to a stream by the first frame whose id reaches its position.
  const all = listeners
    .flatMap((l) => l.expected.map((head) => l.frames.find(([id]) => id >= head)![1] - committed.get(head)!))
    .sort((a, b) => a - b);
  const deliveries = all.length;
  const floorSorted = [...committed].map(([head, t]) => heard.get(head)! - t).sort((a, b) => a - b);
  const f = (n: number): string => n.toFixed(1);
  process.stdout.write(
    `live streams=${unitStreams + staff} statements=${statements} rate=${rate} units_per_statement=${perStatement} deliveries=${deliveries} ` +
      `p50_ms=${f(percentile(all, 50))} p95_ms=${f(percentile(all, 95))} p99_ms=${f(percentile(all, 99))} max_ms=${f(all[all.length - 1])} ` +
      `listen_p50_ms=${f(percentile(floorSorted, 50))} listen_p99_ms=${f(percentile(floorSorted, 99))} window_ms=150\n`,
  );
  await cleanUp();
});
