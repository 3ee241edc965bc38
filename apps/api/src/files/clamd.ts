/**
 * A virus scan through ClamAV's daemon, by its documented INSTREAM command: the file is streamed in chunks,
 * each prefixed by its length (4 bytes, network order), and a zero length ends it; clamd answers one line,
 * `stream: OK` or `stream: <signature> FOUND`. Forty lines of a stable protocol, so no client library
 * (the npm ones wrap the same command and add a dependency with its own socket handling).
 */
import { createReadStream } from 'node:fs';
import { createConnection, type Socket } from 'node:net';

/** What a scan found. */
export type ScanResult = { readonly clean: true } | { readonly clean: false; readonly signature: string };

/** Where clamd listens: a local socket or a TCP address. */
export type ClamdAddress = { readonly socket: string } | { readonly host: string; readonly port: number };

const CHUNK = 64 * 1024;

/** Raised when clamd cannot be reached or answers something else than a verdict: the upload is refused (503). */
export class ScannerUnavailableError extends Error {
  override readonly name = 'ScannerUnavailableError';
}

function connect(address: ClamdAddress): Socket {
  return 'socket' in address ? createConnection(address.socket) : createConnection(address.port, address.host);
}

/** Streams the file at `path` to clamd and answers its verdict. */
export function scanFile(address: ClamdAddress, path: string, timeoutMs = 120_000): Promise<ScanResult> {
  return new Promise((resolve, reject) => {
    const socket = connect(address);
    let answer = '';
    let settled = false;
    const fail = (err: Error): void => {
      if (settled) return;
      settled = true;
      socket.destroy();
      reject(new ScannerUnavailableError(`clamd: ${err.message}`));
    };
    socket.setTimeout(timeoutMs, () => fail(new Error(`no answer within ${timeoutMs} ms`)));
    socket.on('error', fail);
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('utf8');
    });
    socket.on('close', () => {
      if (settled) return;
      settled = true;
      const line = answer.replace(/\0/g, '').trim();
      const found = /^stream: (.+) FOUND$/.exec(line);
      if (line === 'stream: OK') resolve({ clean: true });
      else if (found) resolve({ clean: false, signature: found[1] });
      else reject(new ScannerUnavailableError(`clamd: unexpected answer ${JSON.stringify(line.slice(0, 200))}`));
    });
    socket.once('connect', () => {
      socket.write('zINSTREAM\0');
      const file = createReadStream(path, { highWaterMark: CHUNK });
      file.on('error', fail);
      file.on('data', (data: string | Buffer) => {
        const chunk = data as Buffer;
        const size = Buffer.alloc(4);
        size.writeUInt32BE(chunk.length);
        socket.write(size);
        // Back-pressure: wait for the socket before reading on.
        if (!socket.write(chunk)) {
          file.pause();
          socket.once('drain', () => file.resume());
        }
      });
      file.on('end', () => socket.write(Buffer.alloc(4)));
    });
  });
}

/** CLAMD_SOCKET or CLAMD_HOST (host:port) as an address; undefined when neither is set. */
export function clamdAddressOf(config: { clamdSocket?: string; clamdHost?: string }): ClamdAddress | undefined {
  if (config.clamdSocket) return { socket: config.clamdSocket };
  if (config.clamdHost) {
    const at = config.clamdHost.lastIndexOf(':');
    return { host: config.clamdHost.slice(0, at), port: Number(config.clamdHost.slice(at + 1)) };
  }
  return undefined;
}
