/**
 * A real trace receiver without Docker: Jaeger v2 (`cmd/jaeger`, the OpenTelemetry-collector-based all-in-one),
 * built once from the Go module proxy into `.tools/`, pinned at v1.75.0 (the repository's tag; the binary is
 * Jaeger 2.x). Its go.mod carries a `replace` directive, so `go install module@version` refuses it: it is built
 * from its folder in Go's module cache, as SeaweedFS is. Started with a configuration of our own: OTLP in, traces
 * kept in memory, the query API out, every port a free loopback one, its own metrics off.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ensureBuiltFromModule } from './go-build';
import { freeLowPort, logTail, stopChild, waitFor } from './processes';
import { REPO_ROOT } from './tools';

export const JAEGER_VERSION = 'v1.75.0';
const MODULE = 'github.com/jaegertracing/jaeger';
const BIN_DIR = join(REPO_ROOT, '.tools', `jaeger-${JAEGER_VERSION}`);

/** The `jaeger` binary, built on first use (about 3.5 minutes on 2 cores; seconds with Go's caches warm). */
export function ensureJaeger(log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<string> {
  return ensureBuiltFromModule({
    what: 'Jaeger',
    module: MODULE,
    version: JAEGER_VERSION,
    binDir: BIN_DIR,
    pkg: './cmd/jaeger',
    bin: 'jaeger',
    log,
  });
}

/** A running Jaeger: where processes send OTLP (HTTP), and where its query API answers. */
export interface RunningJaeger {
  /** OTLP over HTTP: what OTEL_EXPORTER_OTLP_ENDPOINT is set to. */
  readonly otlpHttpEndpoint: string;
  /** OTLP over gRPC (host:port), for the Temporal server's exporter. */
  readonly otlpGrpcAddress: string;
  /** The query API (`/api/services`, `/api/traces`) and UI. */
  readonly queryUrl: string;
  stop(): Promise<void>;
}

export async function startJaeger(options: { dir: string }): Promise<RunningJaeger> {
  const jaeger = await ensureJaeger();
  mkdirSync(options.dir, { recursive: true });
  const ports = new Set<number>();
  while (ports.size < 4) ports.add(await freeLowPort());
  const [otlpGrpc, otlpHttp, queryHttp, queryGrpc] = [...ports];
  const host = '127.0.0.1';
  const config = join(options.dir, 'jaeger.yaml');
  writeFileSync(
    config,
    stringify({
      service: {
        extensions: ['jaeger_storage', 'jaeger_query'],
        pipelines: { traces: { receivers: ['otlp'], processors: ['batch'], exporters: ['jaeger_storage_exporter'] } },
        telemetry: { metrics: { level: 'none' }, logs: { level: 'warn' } },
      },
      extensions: {
        jaeger_storage: { backends: { memstore: { memory: { max_traces: 100_000 } } } },
        jaeger_query: {
          storage: { traces: 'memstore' },
          http: { endpoint: `${host}:${queryHttp}` },
          grpc: { endpoint: `${host}:${queryGrpc}` },
        },
      },
      receivers: { otlp: { protocols: { grpc: { endpoint: `${host}:${otlpGrpc}` }, http: { endpoint: `${host}:${otlpHttp}` } } } },
      processors: { batch: { timeout: '200ms' } },
      exporters: { jaeger_storage_exporter: { trace_storage: 'memstore' } },
    }),
  );
  const logFile = join(options.dir, 'jaeger.log');
  const logFd = openSync(logFile, 'a');
  const child = spawn(jaeger, ['--config', config], { stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  const queryUrl = `http://${host}:${queryHttp}`;
  try {
    await Promise.race([
      waitFor('Jaeger query API', async () => (await fetch(`${queryUrl}/api/services`)).ok, 60_000, 200),
      new Promise((_, reject) => child.once('exit', (code) => reject(new Error(`jaeger exited with ${code}`)))),
    ]);
  } catch (err) {
    await stopChild(child, 2000);
    throw new Error(`Jaeger did not start (${(err as Error).message}); the end of ${logFile}:\n${logTail(logFile)}`);
  }
  return {
    otlpHttpEndpoint: `http://${host}:${otlpHttp}`,
    otlpGrpcAddress: `${host}:${otlpGrpc}`,
    queryUrl,
    stop: () => stopChild(child, 5000),
  };
}
