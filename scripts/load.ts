/** A small open-loop load generator: requests start on schedule whatever the latency, so queueing shows in the figures. */
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/** Latency percentiles (ms) of a sorted sample. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Figures of one stream of requests. */
export interface StreamResult {
  readonly sent: number;
  readonly ok: number;
  readonly errors: Record<string, number>;
  readonly rps: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/** Summarises latencies of successful calls over a duration. */
export function summarise(latencies: number[], sent: number, errors: Record<string, number>, seconds: number): StreamResult {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    sent,
    ok: sorted.length,
    errors,
    rps: sorted.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
  };
}

/** Runs `call(i)` at `rate` per second for `seconds`, open loop; resolves when every call has answered. */
export async function openLoop(rate: number, seconds: number, call: (i: number) => Promise<string | undefined>): Promise<StreamResult> {
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  const total = Math.round(rate * seconds);
  const inFlight: Array<Promise<void>> = [];
  const t0 = performance.now();
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const start = performance.now();
    inFlight.push(
      call(i).then(
        (error) => {
          if (error) errors[error] = (errors[error] ?? 0) + 1;
          else latencies.push(performance.now() - start);
        },
        (err: unknown) => {
          const key = String((err as Error)?.message ?? err).slice(0, 60);
          errors[key] = (errors[key] ?? 0) + 1;
        },
      ),
    );
  }
  await Promise.all(inFlight);
  return summarise(latencies, total, errors, seconds);
}

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

/** One HTTP call with a JSON body; resolves to undefined on the expected status, else to an error key. */
export function httpCall(
  base: URL,
  method: string,
  path: string,
  token: string,
  body: unknown,
  expect: number,
): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method,
        path,
        headers: {
          authorization: `Bearer ${token}`,
          ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode === expect ? undefined : `HTTP ${res.statusCode}`));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** One HTTP call as data (it crosses to the load thread). */
export interface HttpRequestSpec {
  readonly base: string;
  readonly method: string;
  readonly path: string;
  readonly token: string;
  readonly body?: unknown;
  readonly expect: number;
}

/** Streams of calls, each at its rate over `seconds`, the i-th call of a stream being `requests[i % requests.length]`. */
export interface LoadStreams {
  readonly seconds: number;
  readonly streams: ReadonlyArray<{ readonly rate: number; readonly requests: readonly HttpRequestSpec[] }>;
}

/**
 * Runs the streams open loop at once in a thread of their own and answers each stream's figures. The thread has a
 * heap of its own: the collector pauses of the benchmark's process (its engine handles, the workflow bundles it
 * keeps) neither delay a request's start nor add to a measured latency.
 */
export function openLoopInThread(load: LoadStreams): Promise<StreamResult[]> {
  return new Promise((resolve, reject) => {
    const thread = new Worker(join(__dirname, 'load-thread.js'), { workerData: load });
    thread.once('message', (results: StreamResult[]) => resolve(results));
    thread.once('error', reject);
    thread.once('exit', (code) => code !== 0 && reject(new Error(`load thread exited with ${code}`)));
  });
}

/** The calls of {@link LoadStreams}, in the thread that runs them. */
export function runStreams(load: LoadStreams): Promise<StreamResult[]> {
  return Promise.all(
    load.streams.map(({ rate, requests }) =>
      openLoop(rate, load.seconds, (i) => {
        const r = requests[i % requests.length];
        return httpCall(new URL(r.base), r.method, r.path, r.token, r.body, r.expect);
      }),
    ),
  );
}
