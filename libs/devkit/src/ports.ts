/**
 * What the run command checks before it starts anything: that each port it will listen on is free, and, when one
 * is not, which program holds it (read from /proc: the listening socket's inode, then the process with that socket
 * open; known only for processes this user may look into).
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';

/** A port the run command needs, and the variable that sets it. */
export interface NeededPort {
  readonly variable: string;
  readonly port: number;
}

/** Why a port cannot be listened on: taken (by whom, when known), or not allowed to this user. */
export type PortProblem =
  | { readonly kind: 'taken'; readonly holder?: { readonly pid: number; readonly command: string } }
  | { readonly kind: 'refused'; readonly code: string };

/** Tries to listen on `port` on every address; undefined when it could. */
export function portProblem(port: number): Promise<PortProblem | undefined> {
  return new Promise((resolveProblem) => {
    const server = createServer();
    server.unref();
    server.once('error', (err: NodeJS.ErrnoException) =>
      resolveProblem(
        err.code === 'EADDRINUSE' ? { kind: 'taken', holder: portHolder(port) } : { kind: 'refused', code: err.code ?? String(err) },
      ),
    );
    // No host: the unspecified address on both families, as a server that listens on every address would take it.
    server.listen(port, () => server.close(() => resolveProblem(undefined)));
  });
}

/**
 * The first needed port that cannot be listened on, as one line naming the port, what holds it and the variable to
 * change; undefined when every port is free.
 */
export async function firstPortProblem(ports: readonly NeededPort[]): Promise<string | undefined> {
  for (const { variable, port } of ports) {
    const problem = await portProblem(port);
    if (!problem) continue;
    if (problem.kind === 'refused') return `Port ${port} (${variable}) cannot be used (${problem.code}): set ${variable} to another port`;
    const by = problem.holder ? ` by ${problem.holder.command} (pid ${problem.holder.pid})` : ' by another program';
    return `Port ${port} (${variable}) is already in use${by}: stop it, or set ${variable} to a free port`;
  }
  return undefined;
}

/** The process listening on TCP `port`, when /proc says (Linux, and a process this user may look into). */
export function portHolder(port: number): { pid: number; command: string } | undefined {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      // sl local_address rem_address st ... inode: the local port is hex after the colon, 0A is LISTEN.
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10 || fields[3] !== '0A') continue;
      if (parseInt(fields[1].split(':')[1] ?? '', 16) === port) inodes.add(fields[9]);
    }
  }
  if (inodes.size === 0) return undefined;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue; // another user's process, or gone
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${entry}/fd/${fd}`);
      } catch {
        continue;
      }
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode && inodes.has(inode)) return { pid: Number(entry), command: commandOf(Number(entry)) };
    }
  }
  return undefined;
}

/** A process's command line, shortened for one log line. */
function commandOf(pid: number): string {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    const line = args.join(' ');
    return line.length > 80 ? `${line.slice(0, 77)}...` : line || readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return 'a process';
  }
}
