/**
 * Servers the project runs without Docker are built once from the Go module proxy into `.tools/` (Go's own
 * module and build caches make a rebuild in a fresh clone quick). One way to find Go and to run a build with
 * its progress printed, for the Temporal server and the S3-compatible store alike.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** The `go` command: on PATH, or the usual install folder; `why` says what needs it when there is none. */
export function goCommand(why: string): string {
  for (const candidate of ['go', '/usr/local/go/bin/go', '/usr/lib/go/bin/go']) {
    if (spawnSync(candidate, ['version'], { stdio: 'ignore' }).status === 0) return candidate;
  }
  throw new Error(
    `${why} needs Go (1.21 or newer, which fetches a release's own toolchain from the Go module proxy): install Go, e.g. \`apt-get install golang-go\``,
  );
}

/** One build: `go <args>` run in `cwd`, writing its binaries into a staging folder that becomes `binDir` when it succeeds. */
export interface GoBuild {
  readonly what: string;
  readonly binDir: string;
  /** The go command's arguments; `{out}` is replaced by the staging folder. */
  readonly args: readonly string[];
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly log: (line: string) => void;
}

/**
 * Runs the build with `-v` progress (a count every 100 packages compiled), GOTOOLCHAIN=auto (an older local Go
 * takes the module's required toolchain from the proxy), static binaries, paths trimmed.
 */
export function goBuild(build: GoBuild): Promise<void> {
  const go = goCommand(build.what);
  const staging = `${build.binDir}.building-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(
      go,
      build.args.map((a) => a.replace('{out}', staging)),
      {
        cwd: build.cwd,
        env: {
          ...process.env,
          GOBIN: staging,
          GOTOOLCHAIN: process.env.GOTOOLCHAIN ?? 'auto',
          CGO_ENABLED: '0',
          GOFLAGS: '-trimpath',
          ...build.env,
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let compiled = 0;
    let tail = '';
    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      tail = (tail + text).slice(-4000);
      // `-v` names each package as it compiles it: a count every 100 is the progress.
      for (const line of text.split('\n')) {
        if (!line.trim() || line.startsWith('go: ')) continue;
        compiled += 1;
        if (compiled % 100 === 0) build.log(`  … ${compiled} packages compiled (${Math.round((Date.now() - started) / 1000)} s)`);
      }
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) {
        rmSync(staging, { recursive: true, force: true });
        reject(new Error(`building ${build.what} with Go failed (exit ${code}):\n${tail}`));
        return;
      }
      rmSync(build.binDir, { recursive: true, force: true });
      renameSync(staging, build.binDir);
      build.log(`${build.what} built in ${Math.round((Date.now() - started) / 1000)} s`);
      resolve();
    });
  });
}

/** Downloads a module into Go's module cache and answers its folder there (`go mod download -json`). */
export function goModuleDir(module: string, version: string, what: string): string {
  const result = spawnSync(goCommand(what), ['mod', 'download', '-json', `${module}@${version}`], {
    encoding: 'utf8',
    env: { ...process.env, GOTOOLCHAIN: process.env.GOTOOLCHAIN ?? 'auto', GOFLAGS: '-mod=mod' },
    cwd: '/',
  });
  if (result.status !== 0) throw new Error(`go mod download ${module}@${version} failed: ${result.stdout}${result.stderr}`);
  return (JSON.parse(result.stdout) as { Dir: string }).Dir;
}

/**
 * A server binary built once into `binDir` from its module's folder in Go's module cache, as the main module: for
 * modules whose `replace` directives make `go install module@version` refuse them (SeaweedFS, Jaeger). `-mod=mod`
 * lets Go complete the module's go.sum in memory. Returns the binary's path.
 */
export async function ensureBuiltFromModule(build: {
  readonly what: string;
  readonly module: string;
  readonly version: string;
  readonly binDir: string;
  /** The package to build, relative to the module's root (`./weed`). */
  readonly pkg: string;
  readonly bin: string;
  readonly log: (line: string) => void;
}): Promise<string> {
  const path = join(build.binDir, build.bin);
  if (existsSync(path)) return path;
  build.log(`Building ${build.what} (${build.version}) from the Go module proxy into ${build.binDir} (once; a few minutes the first time)`);
  await goBuild({
    what: build.what,
    binDir: build.binDir,
    args: ['build', '-v', '-o', join('{out}', build.bin), build.pkg],
    cwd: goModuleDir(build.module, build.version, build.what),
    env: { GOFLAGS: '-trimpath -mod=mod' },
    log: build.log,
  });
  return path;
}
