/** A small open-loop load generator: requests start on schedule whatever the latency, so queueing shows in the figures. */
import { Agent, request } from 'node:http';

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
