/**
 * Where evidence files' bytes live. Two stores behind one interface, chosen by STORAGE_URL:
 * - a folder (the default, `<DATA_DIR>/files`): nothing more to run for `make run`; back it up with DATA_DIR;
 * - S3-compatible object storage (`s3://bucket/prefix`, `@aws-sdk/client-s3`): production, tested against
 *   SeaweedFS.
 * Both take and give streams: a file is never whole in memory. A key is written once (a file's id); nothing
 * here overwrites or deletes a stored file.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { link, mkdir, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CreateBucketCommand, GetObjectCommand, HeadBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { AppConfig } from '@thidua/config';

/** Stored bytes, read back as a stream. */
export interface FileStore {
  /** Where it keeps files, for the start-up line ("thư mục .data/files", "s3://bucket"). */
  readonly where: string;
  /** Makes sure the store can be written (creates the folder or the bucket when missing). */
  ready(): Promise<void>;
  /** Stores the file at `path` (a checked spool file) under `key`. */
  put(key: string, path: string, size: number, mediaType: string): Promise<void>;
  /** The bytes of `key`; rejects when there are none. */
  get(key: string): Promise<Readable>;
}

/** Files in a folder, two levels of fan-out by the id's first characters. */
export class FolderStore implements FileStore {
  readonly where: string;
  constructor(private readonly root: string) {
    this.where = `thư mục ${root}`;
  }

  private pathOf(key: string): string {
    return join(this.root, key.slice(0, 2), key);
  }

  async ready(): Promise<void> {
    await mkdir(this.root, { recursive: true });
  }

  async put(key: string, path: string): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(dirname(target), { recursive: true });
    const partial = `${target}.part-${process.pid}`;
    await pipeline(createReadStream(path), createWriteStream(partial, { flags: 'wx', mode: 0o640 }));
    // A hard link appears whole or not at all, and never replaces a file already there (written once).
    try {
      await link(partial, target);
    } finally {
      await rm(partial, { force: true });
    }
  }

  async get(key: string): Promise<Readable> {
    const path = this.pathOf(key);
    await stat(path); // rejects now (ENOENT), not midway through an answer
    return createReadStream(path);
  }
}

/** Objects in a bucket of an S3-compatible store. */
export class S3Store implements FileStore {
  readonly where: string;
  private readonly client: S3Client;

  constructor(
    private readonly bucket: string,
    private readonly prefix: string,
    options: { endpoint?: string; region: string; accessKeyId?: string; secretAccessKey?: string },
  ) {
    this.where = `s3://${bucket}${prefix ? `/${prefix}` : ''}${options.endpoint ? ` (${options.endpoint})` : ''}`;
    this.client = new S3Client({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint, forcePathStyle: true } : {}),
      ...(options.accessKeyId && options.secretAccessKey
        ? { credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey } }
        : {}),
      // Checksums only where the API requires them: stores other than AWS differ in the newer trailing checksums.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  private keyOf(key: string): string {
    return this.prefix ? `${this.prefix}/${key}` : key;
  }

  async ready(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (err) {
      if ((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode !== 404) throw err;
      await this.client.send(new CreateBucketCommand({ Bucket: this.bucket }));
    }
  }

  async put(key: string, path: string, size: number, mediaType: string): Promise<void> {
    // A file stream with its length is sent as it is read: one request, nothing buffered whole.
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: this.keyOf(key),
        Body: createReadStream(path),
        ContentLength: size,
        ContentType: mediaType,
      }),
    );
  }

  async get(key: string): Promise<Readable> {
    const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.keyOf(key) }));
    return object.Body as Readable;
  }

  destroy(): void {
    this.client.destroy();
  }
}

/** The store STORAGE_URL names (the folder under DATA_DIR when it names none). */
export function fileStoreOf(config: AppConfig): FileStore {
  const url = config.storageUrl ? new URL(config.storageUrl) : undefined;
  if (url?.protocol === 's3:')
    return new S3Store(url.hostname, url.pathname.replace(/^\/+|\/+$/g, ''), {
      endpoint: config.s3Endpoint,
      region: config.s3Region,
      accessKeyId: config.s3AccessKeyId,
      secretAccessKey: config.s3SecretAccessKey,
    });
  return new FolderStore(url ? decodeURIComponent(url.pathname) : resolve(config.dataDir, 'files'));
}
