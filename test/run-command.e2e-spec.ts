/**
 * The run command as an operator meets it: built and started on a fresh data folder with its own
 * PostgreSQL and Temporal (the dev server, and with TEST_CLUSTER=1 also TEMPORAL_MODE=cluster: the Temporal
 * server on that PostgreSQL), it keeps its files private, restarts a worker that dies, says loudly when
 * PostgreSQL or Temporal stops answering (and when it is back), and leaves no process behind on SIGTERM or
 * a Ctrl-C (SIGINT to its process group).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { freePort, REPO_ROOT, waitFor } from '@thidua/devkit';

/** One parsed line of the run command's JSON log. */
interface RunLine {
  readonly level: string;
  readonly message: string;
}

/** The process and its direct children (PostgreSQL's backends and helpers), from /proc. */
const withChildren = (pid: number): number[] => [
  pid,
  ...readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        // Field 4 of /proc/<pid>/stat is the parent pid; the command name (field 2) may hold spaces, so split after ')'.
        return Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]) === pid;
      } catch {
        return false; // exited meanwhile
      }
    })
    .map(Number),
];

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Each Temporal the run command can start: its TEMPORAL_MODE, its private files, how to spot its process, how it is stopped. */
const MODES = [
  { mode: 'dev', files: ['temporal.sqlite'], temporalCmd: 'start-dev', stopSignal: 'SIGTERM' as const },
  ...(process.env.TEST_CLUSTER === '1'
    ? [
        {
          mode: 'cluster',
          files: ['temporal-cluster/temporal-server.yaml', 'temporal-cluster/temporal.log'],
          temporalCmd: 'temporal-server-',
          stopSignal: 'SIGINT' as const,
        },
      ]
    : []),
];

describe.each(MODES)('make run with TEMPORAL_MODE=$mode (dist/scripts/run-stack.js)', ({ mode, files, temporalCmd, stopSignal }) => {
  const root = mkdtempSync(join(tmpdir(), 'thi-dua-run-'));
  const dataDir = join(root, 'data');
  const lines: RunLine[] = [];
  let output = '';
  let stack: ChildProcess | undefined;
  let postmasterPid: number | undefined;
  let apiUrl = '';
  let env: NodeJS.ProcessEnv = {};

  const logged = (predicate: (line: RunLine) => boolean): RunLine[] => lines.filter(predicate);
  const pidOf = (name: string): number[] =>
    logged((l) => l.message.startsWith(`${name} started (pid `)).map((l) => Number(/pid (\d+)/.exec(l.message)?.[1]));

  beforeAll(async () => {
    // As root, PostgreSQL runs as the unprivileged `postgres` user, which must be able to enter this folder.
    chmodSync(root, 0o755);
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: REPO_ROOT, stdio: 'pipe', timeout: 300_000 });
    const [port, pgPort, temporalPort, uiPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    apiUrl = `http://127.0.0.1:${port}`;
    // Nothing from the suite's own servers: the run command starts everything itself.
    env = { PATH: process.env.PATH, HOME: process.env.HOME, TEMPORAL_CLI_PATH: process.env.TEMPORAL_CLI_PATH };
    Object.assign(env, {
      TEMPORAL_MODE: mode,
      DATA_DIR: dataDir,
      PORT: String(port),
      PG_PORT: String(pgPort),
      TEMPORAL_PORT: String(temporalPort),
      TEMPORAL_UI_PORT: String(uiPort),
      LOG_LEVEL: 'warn',
      DIGEST_CRON: '',
    });
    stack = spawn(process.execPath, [join(REPO_ROOT, 'dist/scripts/run-stack.js')], {
      cwd: REPO_ROOT,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Whole lines, however the pipe splits them: a log line cut across two chunks must not be lost.
    const collect = (text: string): void => {
      output += `${text}\n`;
      if (!text.startsWith('{')) return;
      try {
        const parsed = JSON.parse(text) as Partial<RunLine> & { context?: string };
        if (parsed.context === 'run' && parsed.message) lines.push({ level: parsed.level ?? '', message: parsed.message });
      } catch {
        // not JSON after all: an app's plain output
      }
    };
    for (const stream of [stack.stdout, stack.stderr]) if (stream) createInterface({ input: stream }).on('line', collect);
    await waitFor('the run command to print Ready', async () => output.includes('Press Ctrl-C to stop.'), 240_000, 200);
    postmasterPid = Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
  }, 420_000);

  afterAll(async () => {
    if (postmasterPid && isAlive(postmasterPid)) for (const pid of withChildren(postmasterPid)) process.kill(pid, 'SIGCONT');
    if (stack?.pid && stack.exitCode === null) {
      process.kill(-stack.pid, 'SIGKILL');
      // The servers run in their own process groups; stop them too when the test failed before SIGTERM.
      if (postmasterPid && isAlive(postmasterPid)) process.kill(postmasterPid, 'SIGQUIT');
    }
    rmSync(root, { recursive: true, force: true });
  });

  it('prints the URLs and a first admin password that signs in', async () => {
    expect(output).toContain(`Console:          http://localhost:`);
    const password = /password: (\S+)/.exec(output)?.[1];
    expect(password).toBeDefined();
    const login = await fetch(`${apiUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    });
    expect(login.status).toBe(200);
  });

  it('keeps its files for its own user only', () => {
    const mode = (path: string): string => (statSync(path).mode & 0o777).toString(8);
    expect(mode(dataDir)).toBe('711');
    for (const file of ['jwt-secret', 'postgres.password', 'workflow-bundle.js', ...files]) {
      expect([file, mode(join(dataDir, file))]).toEqual([file, '600']);
    }
    expect(readFileSync(join(dataDir, 'postgres.password'), 'utf8').trim().length).toBeGreaterThanOrEqual(20);
  });

  /** Runs a second run command (or `make run`) to its exit: its code and the lines it printed. */
  const runAgain = (
    command: 'run-stack' | 'make',
    overrides: NodeJS.ProcessEnv,
  ): Promise<{ code: number | null; lines: string[]; stdout: string }> =>
    new Promise((resolveRun, rejectRun) => {
      const [file, args] =
        command === 'make' ? ['make', ['--no-print-directory', 'run']] : [process.execPath, [join(REPO_ROOT, 'dist/scripts/run-stack.js')]];
      const child = spawn(file, args, { cwd: REPO_ROOT, env: { ...env, ...overrides }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        rejectRun(new Error(`the second ${command} did not exit within 60 s:\n${stdout}\n${stderr}`));
      }, 60_000);
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolveRun({ code, lines: stderr.split('\n').filter(Boolean), stdout });
      });
    });

  it('refuses a second run on the same data folder with one line, leaving the first untouched (make run does not rebuild)', async () => {
    const first = Number(readFileSync(join(dataDir, 'run.pid'), 'utf8'));
    expect(first).toBe(stack?.pid);
    const built = statSync(join(REPO_ROOT, 'dist/scripts/run-stack.js')).mtimeMs;
    for (const command of ['run-stack', 'make'] as const) {
      const second = await runAgain(command, {});
      // make itself answers 2 and adds its own "*** [run] Error 1" after the recipe's one line.
      expect([command, second.code]).toEqual([command, command === 'make' ? 2 : 1]);
      const own = second.lines.filter((l) => l.startsWith('{'));
      expect(own).toHaveLength(1);
      expect(second.lines).toHaveLength(command === 'make' ? 2 : 1);
      expect(JSON.parse(own[0])).toMatchObject({
        level: 'error',
        message: `The run command is already running on ${dataDir} (pid ${first}): stop it first (Ctrl-C), or set DATA_DIR to another folder`,
      });
      expect(second.stdout).toBe('');
    }
    expect(statSync(join(REPO_ROOT, 'dist/scripts/run-stack.js')).mtimeMs).toBe(built);
    expect(Number(readFileSync(join(dataDir, 'run.pid'), 'utf8'))).toBe(first);
    expect(isAlive(first)).toBe(true);
    expect((await fetch(`${apiUrl}/ready`)).ok).toBe(true);
  });

  it('refuses to start when a port it needs is taken, naming the port, what holds it and the variable to change', async () => {
    const otherData = join(root, 'other-data');
    // The API port of the running stack, held by its API process.
    const apiPort = Number(new URL(apiUrl).port);
    const [apiPid] = pidOf('api');
    const onApiPort = await runAgain('run-stack', { DATA_DIR: otherData });
    expect(onApiPort.code).toBe(1);
    expect(onApiPort.lines).toHaveLength(1);
    expect(JSON.parse(onApiPort.lines[0])).toMatchObject({ level: 'error' });
    const message = (JSON.parse(onApiPort.lines[0]) as RunLine).message;
    expect(message).toMatch(
      new RegExp(`^Port ${apiPort} \\(PORT\\) is already in use by .+ \\(pid ${apiPid}\\): stop it, or set PORT to a free port$`),
    );

    // A port held by another program (a server in this test process): PostgreSQL's.
    const blocker = createServer();
    await new Promise<void>((resolveListen) => blocker.listen(0, resolveListen));
    const blocked = (blocker.address() as AddressInfo).port;
    try {
      const onPgPort = await runAgain('run-stack', { DATA_DIR: otherData, PORT: String(await freePort()), PG_PORT: String(blocked) });
      expect(onPgPort.code).toBe(1);
      expect(onPgPort.lines).toHaveLength(1);
      expect((JSON.parse(onPgPort.lines[0]) as RunLine).message).toMatch(
        new RegExp(
          `^Port ${blocked} \\(PG_PORT\\) is already in use by .+ \\(pid ${process.pid}\\): stop it, or set PG_PORT to a free port$`,
        ),
      );
    } finally {
      await new Promise((resolveClose) => blocker.close(resolveClose));
    }
    // Nothing was started for the refused runs.
    expect(existsSync(join(otherData, 'postgres'))).toBe(false);
    expect((await fetch(`${apiUrl}/ready`)).ok).toBe(true);
  });

  it('restarts a worker that dies, and says so', async () => {
    const [first] = pidOf('worker');
    expect(first).toBeGreaterThan(0);
    process.kill(first, 'SIGKILL');
    await waitFor('a new worker', async () => pidOf('worker').length === 2, 60_000, 100);
    expect(logged((l) => l.level === 'error').map((l) => l.message)).toContain('worker exited unexpectedly (SIGKILL); restarting in 1 s');
    expect(logged((l) => l.message === 'restarting worker (restart 1)')).toHaveLength(1);
    const second = pidOf('worker')[1];
    expect(second).not.toBe(first);
    expect(isAlive(second)).toBe(true);
  });

  it('says loudly when PostgreSQL stops answering and when it is back; the API answers 503 meanwhile', async () => {
    // Frozen, not killed: the postmaster and every backend stop answering, connections hang as on a dead host.
    const frozen = withChildren(postmasterPid as number);
    for (const pid of frozen) process.kill(pid, 'SIGSTOP');
    try {
      await waitFor(
        'the run command to notice',
        async () => logged((l) => l.level === 'error' && l.message.startsWith('PostgreSQL is not answering')).length > 0,
        30_000,
        200,
      );
      const ready = await fetch(`${apiUrl}/ready`, { signal: AbortSignal.timeout(20_000) });
      expect(ready.status).toBe(503);
    } finally {
      for (const pid of frozen) process.kill(pid, 'SIGCONT');
    }
    await waitFor('PostgreSQL to be back', async () => logged((l) => l.message === 'PostgreSQL answers again').length > 0, 30_000, 200);
    await waitFor('the API to be ready again', async () => (await fetch(`${apiUrl}/ready`)).ok, 60_000, 200);
  });

  it('says loudly when Temporal stops answering and when it is back', async () => {
    const temporal = withChildren(stack?.pid as number)
      .slice(1)
      .filter((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(temporalCmd));
    expect(temporal).toHaveLength(1);
    process.kill(temporal[0], 'SIGSTOP');
    try {
      await waitFor(
        'the run command to notice',
        async () => logged((l) => l.level === 'error' && l.message.startsWith('Temporal is not answering')).length > 0,
        30_000,
        200,
      );
    } finally {
      process.kill(temporal[0], 'SIGCONT');
    }
    await waitFor('Temporal to be back', async () => logged((l) => l.message === 'Temporal answers again').length > 0, 30_000, 200);
    await waitFor('the API to be ready again', async () => (await fetch(`${apiUrl}/ready`)).ok, 60_000, 200);
  });

  it(`stops everything on ${stopSignal === 'SIGINT' ? 'Ctrl-C' : 'SIGTERM'}`, async () => {
    const child = stack as ChildProcess;
    // Everything it started: the apps, and the Temporal dev server and PostgreSQL with their helpers.
    const started = [
      ...pidOf('worker'),
      ...pidOf('api'),
      ...withChildren(child.pid as number).slice(1),
      ...withChildren(postmasterPid as number),
    ];
    const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
    // Ctrl-C in a terminal signals the whole foreground process group.
    if (stopSignal === 'SIGINT') process.kill(-(child.pid as number), 'SIGINT');
    else child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(lines.map((l) => l.message)).toContain('Stopped');
    await waitFor('every process it started to exit', async () => started.every((pid) => !isAlive(pid)), 10_000, 100);
  });
});
