/**
 * A real S3-compatible object store without Docker: SeaweedFS (`weed`), built once from the Go module proxy
 * into `.tools/`, pinned. Chosen over MinIO because MinIO's community server went into maintenance in 2025,
 * while SeaweedFS is actively released, Apache-2.0, and its S3 gateway speaks the API `@aws-sdk/client-s3`
 * uses (signature v4, multipart uploads, path-style addressing). The module's go.mod carries `replace`
 * directives, so `go install module@version` refuses it: it is built from its folder in Go's module cache.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuiltFromModule } from './go-build';
import { freeLowPort, logTail, stopChild, waitFor } from './processes';
import { REPO_ROOT } from './tools';

/** The pinned SeaweedFS commit (the newest the Go module proxy served when it was chosen; release 4.53). */
export const SEAWEEDFS_VERSION = 'v0.0.0-20261109003541-7506e5f91cd6';
const MODULE = 'github.com/seaweedfs/seaweedfs';
const BIN_DIR = join(REPO_ROOT, '.tools', `seaweedfs-${SEAWEEDFS_VERSION}`);

/** The `weed` binary, built on first use (about 4 minutes on 2 cores; seconds with Go's caches warm). */
export function ensureSeaweedfs(log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<string> {
  return ensureBuiltFromModule({
    what: 'SeaweedFS',
    module: MODULE,
    version: SEAWEEDFS_VERSION,
    binDir: BIN_DIR,
    pkg: './weed',
    bin: 'weed',
    log,
  });
}

/** A running store: its S3 endpoint and the one identity it accepts. */
export interface RunningSeaweedfs {
  readonly endpoint: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  stop(): Promise<void>;
}

/** How many times a start is tried on fresh ports when the store exits at once (a port taken meanwhile). */
const START_ATTEMPTS = 3;

/**
 * Starts a single-process store (master, volume, filer, S3 gateway) on free loopback ports, data in `dir`.
 * Every port, the gRPC ones included, is below the kernel's ephemeral range, so no outgoing connection can
 * hold one; a port another process takes between the probe and the bind makes `weed` exit at once, and the
 * start is tried again on fresh ports.
 */
export async function startSeaweedfs(options: { dir: string; accessKeyId?: string; secretAccessKey?: string }): Promise<RunningSeaweedfs> {
  const weed = await ensureSeaweedfs();
  mkdirSync(options.dir, { recursive: true });
  const accessKeyId = options.accessKeyId ?? 'thidua';
  const secretAccessKey = options.secretAccessKey ?? 'thidua-seaweedfs-secret';
  const config = join(options.dir, 's3.json');
  writeFileSync(
    config,
    JSON.stringify({
      identities: [
        {
          name: 'thidua',
          credentials: [{ accessKey: accessKeyId, secretKey: secretAccessKey }],
          actions: ['Admin', 'Read', 'Write', 'List', 'Tagging'],
        },
      ],
    }),
    { mode: 0o600 },
  );
  const logFile = join(options.dir, 'weed.log');
  for (let attempt = 1; ; attempt++) {
    const ports = new Set<number>();
    while (ports.size < 8) ports.add(await freeLowPort());
    const [master, masterGrpc, volume, volumeGrpc, filer, filerGrpc, s3, s3Grpc] = [...ports];
    const logFd = openSync(logFile, 'a');
    const child = spawn(
      weed,
      [
        'server',
        '-ip=127.0.0.1',
        '-ip.bind=127.0.0.1',
        `-dir=${options.dir}`,
        `-master.port=${master}`,
        `-master.port.grpc=${masterGrpc}`,
        // Nothing leaves the machine: the master's anonymous usage report is off.
        '-master.telemetry=false',
        `-volume.port=${volume}`,
        `-volume.port.grpc=${volumeGrpc}`,
        `-filer.port=${filer}`,
        `-filer.port.grpc=${filerGrpc}`,
        '-master.volumeSizeLimitMB=64',
        '-volume.max=50',
        '-s3',
        `-s3.port=${s3}`,
        `-s3.port.grpc=${s3Grpc}`,
        `-s3.config=${config}`,
        '-s3.port.iceberg=0',
        '-s3.port.lance=0',
      ],
      { stdio: ['ignore', logFd, logFd] },
    );
    closeSync(logFd);
    const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
    const endpoint = `http://127.0.0.1:${s3}`;
    try {
      await Promise.race([
        waitUntilServing(endpoint, master),
        exited.then((code) => {
          throw new StoreExited(code);
        }),
      ]);
      return { endpoint, accessKeyId, secretAccessKey, stop: () => stopChild(child, 5000) };
    } catch (err) {
      await stopChild(child, 2000);
      if (err instanceof StoreExited && attempt < START_ATTEMPTS) continue;
      throw new Error(`SeaweedFS did not start (${(err as Error).message}); the end of ${logFile}:\n${logTail(logFile)}`);
    }
  }
}

class StoreExited extends Error {
  constructor(code: number | null) {
    super(`weed exited with ${code}`);
  }
}

/** Up when the gateway answers (403 to an unsigned request) and a volume is writable (the master says so). */
async function waitUntilServing(endpoint: string, masterPort: number): Promise<void> {
  await waitFor('SeaweedFS S3 gateway', async () => (await fetch(`${endpoint}/`)).status === 403, 60_000, 200);
  await waitFor(
    'a SeaweedFS volume server',
    async () => {
      const status = (await (await fetch(`http://127.0.0.1:${masterPort}/dir/status`)).json()) as { Topology?: { Free?: number } };
      return (status.Topology?.Free ?? 0) > 0;
    },
    60_000,
    200,
  );
}
