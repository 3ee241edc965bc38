/**
 * Evidence files: received and checked (intake.ts), stored once under a new id, then attached by reference to
 * a submission, whose event records each file whole. Who may download a file follows the submissions that
 * attach it: the event log says which unit's stream or which nomination names it.
 */
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type ServiceConfig } from '@thidua/config';
import { attachmentsIn, formatSize, type Attachment, type AttachmentRef, type StoredFile } from '@thidua/contracts';
import { eventsNamingFile, fileStoreOf, findFiles, insertFile, S3Store, type FileStore } from '@thidua/persistence';
import { ApiException, notFound } from '../common/http-errors';
import type { Principal } from '../auth/principal';
import { clamdAddressOf, type ClamdAddress } from './clamd';
import { receiveChecked } from './intake';

/** A file to send back: its facts and its bytes. */
export interface Download {
  readonly file: StoredFile;
  readonly body: Readable;
}

@Injectable()
export class FilesService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('files');
  readonly store: FileStore;
  private readonly clamd: ClamdAddress | undefined;

  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: ServiceConfig,
  ) {
    this.store = fileStoreOf(config);
    this.clamd = clamdAddressOf(config);
  }

  async onModuleInit(): Promise<void> {
    // A store away at start does not keep the API down: uploads answer 503 until it is back.
    await this.store.ready().catch((err: Error) => this.logger.error(`Kho lưu trữ tệp ${this.store.where} chưa sẵn sàng: ${err.message}`));
    this.logger.log(
      `Tệp minh chứng lưu ở ${this.store.where}; ${this.clamd ? 'quét virus bằng clamd' : 'KHÔNG quét virus (đặt CLAMD_SOCKET hoặc CLAMD_HOST)'}`,
    );
  }

  onModuleDestroy(): void {
    if (this.store instanceof S3Store) this.store.destroy();
  }

  /** Receives the request's file, checks it, stores it, records it; refused files leave nothing behind. */
  async upload(req: Request, caller: Principal): Promise<StoredFile> {
    const checked = await receiveChecked(req, { maxBytes: this.config.fileMaxBytes, clamd: this.clamd });
    const { spool, ...facts } = checked;
    const file: StoredFile = { id: randomUUID(), ...facts };
    try {
      await this.store.put(file.id, spool, file.size, file.mediaType).catch((err: Error) => {
        this.logger.error(`Không lưu được tệp ${file.id} vào ${this.store.where}: ${err.message}`);
        throw new ApiException(503, `Tệp "${file.name}": kho lưu trữ tệp không trả lời; tệp chưa được lưu, vui lòng gửi lại sau`, [], {
          'Retry-After': '30',
        });
      });
      // Stored before it is recorded: a row always has its bytes (bytes without a row are never attached).
      await insertFile(this.ds.manager, file, caller.accountId);
    } finally {
      await rm(spool, { force: true });
    }
    return file;
  }

  /**
   * The attachments of a submission from the caller's references (none: an empty list, which the deciders leave
   * out of the event): each file must exist and have been uploaded by the caller (a file id seen elsewhere
   * attaches nothing), and all together stay under the submission limit.
   */
  async attach(refs: readonly AttachmentRef[] | undefined, caller: Principal): Promise<Attachment[]> {
    if (!refs?.length) return [];
    const ids = refs.map((r) => r.fileId);
    const duplicate = ids.find((id, n) => ids.indexOf(id) !== n);
    if (duplicate) throw invalid(`attachments: tệp ${duplicate} được đính kèm hai lần`, 'duplicate');
    const found = new Map((await findFiles(this.ds.manager, ids)).map((f) => [f.id, f]));
    const attachments = refs.map((ref, n): Attachment => {
      const file = found.get(ref.fileId);
      if (!file || file.uploadedBy !== caller.accountId)
        throw invalid(`attachments[${n}].fileId: không có tệp ${ref.fileId} do tài khoản này tải lên`, 'unknown-file');
      const { id, name, size, mediaType, sha256 } = file;
      return { id, name, size, mediaType, sha256, kind: ref.kind, ...(ref.form ? { form: ref.form.trim() } : {}) };
    });
    const total = attachments.reduce((sum, a) => sum + a.size, 0);
    if (total > this.config.submissionMaxBytes)
      throw new ApiException(
        413,
        `attachments: tổng dung lượng ${formatSize(total)} vượt quá ${formatSize(this.config.submissionMaxBytes)} cho một lần gửi`,
        [{ field: 'attachments', rule: 'too-large', message: `Tổng dung lượng vượt quá ${formatSize(this.config.submissionMaxBytes)}` }],
      );
    return attachments;
  }

  /** A nominee's achievement report from the caller's reference (see {@link attach}). */
  async attachReport(ref: { fileId: string; form: string } | undefined, caller: Principal): Promise<Attachment | undefined> {
    if (!ref) return undefined;
    return (await this.attach([{ fileId: ref.fileId, kind: 'achievement-report', form: ref.form }], caller))[0];
  }

  /**
   * A file attached in the campaign, for a caller who may see what attaches it: a unit's clerk sees the files of
   * its own unit's submissions, nominations and objections; the others reach this only when their policy lets
   * them read the campaign (the scope guard). Anything else answers 404, as a file that does not exist.
   */
  async download(campaignId: string, fileId: string, caller: Principal): Promise<Download> {
    return this.downloadFor(campaignId, fileId, caller.role === 'unit' ? caller.unitId : undefined);
  }

  /** A file attached in the campaign; with `unitId`, only one that unit's submissions, nominees or objections attach. */
  async downloadFor(campaignId: string, fileId: string, unitId: string | undefined): Promise<Download> {
    const missing = notFound(`Không tìm thấy tệp "${fileId}"`);
    if (!/^[0-9a-f-]{36}$/.test(fileId)) throw missing;
    const events = await eventsNamingFile(this.ds.manager, campaignId, fileId);
    for (const event of events) {
      const file = attachmentsIn(event.data).find((a) => a.id === fileId);
      if (!file) continue;
      if (unitId !== undefined && ownerUnitOf(event) !== unitId) continue;
      return this.read(file);
    }
    throw missing;
  }

  /** A file the log records (an attachment, an issued paper), read from the store; 503 when the store has it not. */
  async read(file: StoredFile): Promise<Download> {
    try {
      return { file, body: await this.store.get(file.id) };
    } catch (err) {
      // Recorded but not in the store: an operator's problem (a lost bucket or folder), said loudly.
      this.logger.error(`Tệp ${file.id} (${file.name}) được ghi nhận nhưng không có trong ${this.store.where}: ${(err as Error).message}`);
      throw new ApiException(503, 'Tệp tạm thời không đọc được từ kho lưu trữ; vui lòng thử lại sau', [], { 'Retry-After': '30' });
    }
  }
}

/** The unit whose file an event attaches: its stream's unit, the nominee's, or the unit that objected. */
function ownerUnitOf(event: { unitId: string | null; data: unknown }): string | undefined {
  const d = event.data as { nominee?: { unitId?: string }; objection?: { unitId?: string } };
  return event.unitId ?? d.nominee?.unitId ?? d.objection?.unitId;
}

const invalid = (message: string, rule: string): ApiException => new ApiException(400, message, [{ field: 'attachments', rule, message }]);
