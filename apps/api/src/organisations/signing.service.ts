/**
 * An organisation's signing certificate: uploaded by its admin as a PKCS#12 file with its password (and the
 * images of the signer's signature and of the seal, PNG), checked, and kept sealed under SIGNING_KEY. The
 * worker opens it when a decision of the organisation is issued. Only what may be shown is ever answered.
 */
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@thidua/config';
import type { SigningCertificateView } from '@thidua/contracts';
import { deleteCredential, findCredential, saveCredential, type CredentialRow } from '@thidua/persistence';
import { CredentialError, credentialToBytes, readPkcs12, seal } from '@thidua/papers';
import { ApiException, notFound } from '../common/http-errors';
import { InvalidInputException } from '../common/validation';
import type { SigningCertificateDto } from './signing.dto';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

@Injectable()
export class SigningService {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async get(orgId: string): Promise<SigningCertificateView> {
    const row = await findCredential(this.ds, orgId);
    if (!row) throw notFound('Tổ chức chưa có chứng thư số; quyết định được ban hành không ký số');
    return view(row);
  }

  async set(orgId: string, body: SigningCertificateDto, actor: string): Promise<SigningCertificateView> {
    const key = this.config.signingKey;
    if (!key)
      throw new ApiException(
        409,
        'Máy chủ chưa được cấu hình SIGNING_KEY (khóa mã hóa chứng thư số, từ 32 ký tự): chưa lưu được chứng thư số. Đề nghị quản trị hệ thống đặt SIGNING_KEY rồi tải lại.',
      );
    const p12 = Buffer.from(body.pkcs12, 'base64');
    const images = {
      signatureImage: png(body.signatureImage, 'signatureImage'),
      sealImage: png(body.sealImage, 'sealImage'),
    };
    let credential;
    try {
      credential = readPkcs12(p12, body.password);
    } catch (err) {
      if (!(err instanceof CredentialError)) throw err;
      throw new InvalidInputException([{ field: 'pkcs12', rule: 'pkcs12', message: err.message }]);
    }
    await this.ds.transaction((m) =>
      saveCredential(
        m,
        {
          orgId,
          sealed: seal(key, credentialToBytes(credential)),
          subject: credential.subject,
          fingerprint: credential.fingerprint,
          notBefore: credential.notBefore,
          notAfter: credential.notAfter,
          signatureImage: images.signatureImage ?? null,
          sealImage: images.sealImage ?? null,
          updatedBy: actor,
        },
        new Date().toISOString(),
      ),
    );
    return this.get(orgId);
  }

  async remove(orgId: string, actor: string): Promise<void> {
    const removed = await this.ds.transaction((m) => deleteCredential(m, orgId, actor, new Date().toISOString()));
    if (!removed) throw notFound('Tổ chức chưa có chứng thư số');
  }
}

/** A PNG image from base64, or 400 naming the field. */
function png(base64: string | undefined, field: string): Buffer | undefined {
  if (base64 === undefined) return undefined;
  const bytes = Buffer.from(base64, 'base64');
  if (!bytes.subarray(0, 8).equals(PNG))
    throw new InvalidInputException([{ field, rule: 'png', message: `${field} phải là ảnh PNG (mã base64), nền trong suốt` }]);
  return bytes;
}

function view(row: CredentialRow): SigningCertificateView {
  return {
    subject: row.subject,
    fingerprint: row.fingerprint,
    notBefore: row.notBefore,
    notAfter: row.notAfter,
    signatureImage: row.signatureImage !== null,
    sealImage: row.sealImage !== null,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
  };
}
