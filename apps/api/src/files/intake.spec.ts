/**
 * The intake of one uploaded file, from real multipart bytes (as fetch writes them) through busboy, the spool
 * file, file-type and the size limit: what is accepted, what is refused and why, and that a refusal leaves no
 * spool file behind.
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Request } from 'express';
import { docxWith } from '@thidua/testing';
import { ApiException } from '../common/http-errors';
import { receiveChecked } from './intake';

const MB = 1024 * 1024;

/** A request whose body is `form` encoded as a browser would send it. */
async function requestOf(form: FormData | string, contentType?: string): Promise<Request> {
  const encoded = new Request('http://localhost/api/files', { method: 'POST', body: form });
  const body = Buffer.from(await encoded.arrayBuffer());
  const stream = Readable.from([body]) as unknown as Request;
  Object.assign(stream, {
    headers: { 'content-type': contentType ?? encoded.headers.get('content-type')!, 'content-length': String(body.length) },
  });
  return stream;
}

function formWith(name: string, bytes: Buffer | Uint8Array): FormData {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  return form;
}

const spools = (): string[] => readdirSync(tmpdir()).filter((f) => f.startsWith('thidua-upload-'));

async function refusal(req: Promise<Request>, maxBytes = MB): Promise<ApiException> {
  const err = await receiveChecked(await req, { maxBytes }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ApiException);
  return err as ApiException;
}

describe('receiving an uploaded file', () => {
  const before = new Set(spools());
  afterAll(() => {
    // Every refusal removed its spool file (accepted ones are the caller's to remove, done in each test).
    expect(spools().filter((f) => !before.has(f))).toEqual([]);
  });

  it('reads Word and Excel files by their content, and names a file by what it is', async () => {
    const docx = await docxWith(['KẾ HOẠCH', 'Thi đua năm 2027']);
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Số liệu').addRow(['Chỉ tiêu', 95]);
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    const word = await receiveChecked(await requestOf(formWith('ke-hoach', docx)), { maxBytes: MB });
    const excel = await receiveChecked(await requestOf(formWith('so-lieu.xlsx', xlsx)), { maxBytes: MB });
    expect([word.name, word.mediaType]).toEqual([
      'ke-hoach.docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ]);
    expect([excel.name, excel.mediaType]).toEqual(['so-lieu.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    // A .docx renamed .pdf is still a .docx: the content decides.
    const renamed = await receiveChecked(await requestOf(formWith('bao-cao.pdf', docx)), { maxBytes: MB });
    expect([renamed.name, renamed.mediaType]).toEqual([
      'bao-cao.pdf.docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ]);
    for (const f of [word, excel, renamed]) await rm(f.spool);
  });

  it('accepts JPEG and PNG photos and hashes what it kept', async () => {
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64)]);
    const jpeg = Buffer.concat([Buffer.from('ffd8ffe000104a46494600', 'hex'), Buffer.alloc(64)]);
    const a = await receiveChecked(await requestOf(formWith('anh.png', png)), { maxBytes: MB });
    const b = await receiveChecked(await requestOf(formWith('anh-hop.jpeg', jpeg)), { maxBytes: MB });
    expect([a.mediaType, b.mediaType, b.name]).toEqual(['image/png', 'image/jpeg', 'anh-hop.jpeg']);
    expect(a.sha256).toBe(createHash('sha256').update(png).digest('hex'));
    for (const f of [a, b]) await rm(f.spool);
  });

  it('refuses a file over the limit as it arrives: 413 naming the file and the limit', async () => {
    const err = await refusal(requestOf(formWith('quet-ca-nam.pdf', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2 * MB)]))));
    expect(err.getStatus()).toBe(413);
    expect((err.getResponse() as { message: string }).message).toMatch(/quet-ca-nam\.pdf.*vượt quá 1 MB/);
  });

  it('refuses a type outside the list (a ZIP that is no Office file, a GIF) with 422 saying what it is', async () => {
    const zip = Buffer.from('504b0506000000000000000000000000000000000000', 'hex');
    const gif = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(32)]);
    for (const [name, bytes] of [
      ['ho-so.zip.pdf', zip],
      ['anh.gif', gif],
    ] as const) {
      const err = await refusal(requestOf(formWith(name, bytes)));
      expect(err.getStatus()).toBe(422);
      expect((err.getResponse() as { message: string }).message).toContain(`"${name}"`);
    }
  });

  it('answers 400 to a request without a file, or that is not multipart, and 503 when clamd cannot be reached', async () => {
    const empty = new FormData();
    empty.append('ghi-chu', 'không có tệp');
    expect((await refusal(requestOf(empty))).getStatus()).toBe(400);
    expect((await refusal(requestOf('{"file": 1}', 'application/json'))).getStatus()).toBe(400);
    const pdf = Buffer.from('%PDF-1.7\n%%EOF\n');
    const err = await receiveChecked(await requestOf(formWith('a.pdf', pdf)), {
      maxBytes: MB,
      clamd: { socket: '/nonexistent/clamd.sock' },
    }).catch((e: unknown) => e);
    expect((err as ApiException).getStatus()).toBe(503);
  });
});
