/** A stored file sent back: its recorded type and name, its SHA-256 for the reader to check, the bytes streamed. */
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import type { Download } from './files.service';

export async function sendFile(
  res: Response,
  { file, body }: Download,
  disposition: 'attachment' | 'inline' = 'attachment',
): Promise<void> {
  res.setHeader('Content-Type', file.mediaType);
  res.setHeader('Content-Length', String(file.size));
  res.setHeader(
    'Content-Disposition',
    `${disposition}; filename="${asciiName(file.name)}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
  );
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'private, max-age=31536000, immutable');
  res.setHeader('ETag', `"${file.sha256}"`);
  res.setHeader('Repr-Digest', `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`);
  await pipeline(body, res);
}

/** The name for clients that read only `filename`: Vietnamese letters without their marks, the rest replaced. */
function asciiName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
}
