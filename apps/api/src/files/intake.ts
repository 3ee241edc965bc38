/**
 * What happens to an uploaded file before it is kept: its one multipart part streamed to a spool file while
 * it is hashed (SHA-256) and counted (over the limit: refused as it arrives), its media type read from its
 * content (`file-type`, which tells a .docx from an .xlsx by the entries of the zip), checked against the
 * allow-list, and scanned by clamd when one is configured. Memory holds a chunk at a time, never the file.
 */
import Busboy from 'busboy';
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request } from 'express';
import { fileTypeFromFile } from 'file-type';
import { ATTACHMENT_MEDIA_TYPES, formatSize } from '@thidua/contracts';
import { ApiException } from '../common/http-errors';
import { scanFile, ScannerUnavailableError, type ClamdAddress } from './clamd';
import { safeFileName } from './safe-name';

/** A file received and checked, waiting in its spool file to be stored. */
export interface CheckedFile {
  readonly spool: string;
  readonly name: string;
  readonly size: number;
  readonly mediaType: string;
  readonly sha256: string;
}

/** Why a file was refused: 413 too large, 422 its content (type, virus, empty). */
const refuse = (status: number, name: string, rule: string, why: string): ApiException =>
  new ApiException(status, `Tệp "${name}": ${why}; tệp không được lưu`, [{ field: 'file', rule, message: `${name}: ${why}` }]);

const ACCEPTED = Object.values(ATTACHMENT_MEDIA_TYPES).join(', ');

/** Counts and hashes what passes through, and stops the stream past `max` bytes. */
class Measure extends Transform {
  readonly hash = createHash('sha256');
  size = 0;
  constructor(
    private readonly max: number,
    private readonly onTooLarge: () => Error,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null, data?: Buffer) => void): void {
    this.size += chunk.length;
    if (this.size > this.max) return done(this.onTooLarge());
    this.hash.update(chunk);
    done(null, chunk);
  }
}

/** Streams the request's one file part (field "file") to a spool file; answers its name, size and hash. */
type Spooled = { spool: string; name: string; size: number; sha256: string };

function spoolUpload(req: Request, maxBytes: number): Promise<Spooled> {
  const spool = join(tmpdir(), `thidua-upload-${randomUUID()}`);
  return new Promise<Spooled>((resolve, reject) => {
    let busboy: Busboy.Busboy;
    try {
      busboy = Busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: { files: 1, fields: 10, parts: 11, fileSize: maxBytes + 1 },
      });
    } catch {
      return reject(
        new ApiException(400, 'file: gửi tệp dạng multipart/form-data, trong trường "file"', [
          { field: 'file', rule: 'multipart', message: 'Cần multipart/form-data' },
        ]),
      );
    }
    let received: Promise<Spooled> | undefined;
    const fail = (err: Error): void => {
      req.unpipe(busboy);
      req.resume();
      reject(err);
    };
    busboy.on('file', (field: string, stream: Readable, info: Busboy.FileInfo) => {
      if (field !== 'file' || received) {
        stream.resume();
        return;
      }
      const name = safeFileName(info.filename);
      const measure = new Measure(maxBytes, () => refuse(413, name, 'too-large', `vượt quá ${formatSize(maxBytes)} cho một tệp`));
      received = pipeline(stream, measure, createWriteStream(spool, { flags: 'wx', mode: 0o600 })).then(() => ({
        spool,
        name,
        size: measure.size,
        sha256: measure.hash.digest('hex'),
      }));
      // Settled as soon as the file is (a refusal needs no more of the request: the rest is drained unread).
      received.then(resolve, fail);
    });
    // Every error, however late (a malformed part after the file), is handled: one answer, the rest drained.
    busboy.on('error', (err: Error) => fail(new ApiException(400, `file: biểu mẫu tải tệp không đọc được (${err.message})`)));
    busboy.once('close', () => {
      if (!received)
        fail(
          new ApiException(400, 'file: chưa có tệp (gửi dạng multipart/form-data, trường "file")', [
            { field: 'file', rule: 'required', message: 'Chưa có tệp' },
          ]),
        );
    });
    req.pipe(busboy);
  }).catch(async (err: unknown) => {
    await rm(spool, { force: true });
    throw err;
  });
}

/** Receives, measures, sniffs and scans the request's file; refuses it (nothing kept) with the reason. */
export async function receiveChecked(req: Request, options: { maxBytes: number; clamd?: ClamdAddress }): Promise<CheckedFile> {
  const file = await spoolUpload(req, options.maxBytes);
  try {
    if (file.size === 0) throw refuse(422, file.name, 'empty', 'tệp rỗng');
    const type = await fileTypeFromFile(file.spool);
    if (!type || !(type.mime in ATTACHMENT_MEDIA_TYPES))
      throw refuse(
        422,
        file.name,
        'media-type',
        `nội dung ${type ? `là ${type.ext.toUpperCase()} (${type.mime})` : 'không thuộc định dạng nào được nhận'}; chỉ nhận ${ACCEPTED}`,
      );
    if (options.clamd) {
      const verdict = await scanFile(options.clamd, file.spool).catch((err: unknown) => {
        if (err instanceof ScannerUnavailableError)
          throw new ApiException(503, 'Chưa kiểm tra được virus (dịch vụ quét clamd không trả lời); vui lòng gửi lại sau', [], {
            'Retry-After': '30',
          });
        throw err;
      });
      if (!verdict.clean) throw refuse(422, file.name, 'infected', `phát hiện mã độc (${verdict.signature})`);
    }
    return { ...file, name: withExtension(file.name, type.ext), mediaType: type.mime };
  } catch (err) {
    await rm(file.spool, { force: true });
    throw err;
  }
}

/** The name with the extension of its content: "scan" → "scan.pdf", "bao-cao.exe" → "bao-cao.exe.pdf". */
function withExtension(name: string, ext: string): string {
  const same = ext === 'jpg' ? /\.(jpe?g)$/i : new RegExp(`\\.${ext}$`, 'i');
  return same.test(name) ? name : `${name}.${ext}`;
}
