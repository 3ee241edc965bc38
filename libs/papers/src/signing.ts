/**
 * Digital signatures on the papers (Nghị định 68/2024/NĐ-CP on official digital signatures; PAdES, ETSI EN
 * 319 142): an organisation's signing certificate, read from its PKCS#12 file (node-forge, maintained, reads
 * the PBES2/AES files OpenSSL 3 writes), kept encrypted at rest (AES-256-GCM under a key derived by scrypt
 * from SIGNING_KEY), and a PDF signed as PAdES baseline B-B: @signpdf places the signature dictionary
 * (ETSI.CAdES.detached) and PKI.js builds the CMS with the ESS signing-certificate-v2 attribute and no
 * signing-time attribute (the time is the dictionary's /M), as the baseline profile requires; B-T adds an
 * RFC 3161 time-stamp token over the signature when a time-stamping authority is configured (TSA_URL).
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, scryptSync, webcrypto, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import forge from 'node-forge';
import * as pkijs from 'pkijs';
import signpdf from '@signpdf/signpdf';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';

pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto }));

/** A signing certificate with its private key, read from a PKCS#12 file. */
export interface SigningCredential {
  /** The signer's certificate (DER). */
  readonly certificate: Buffer;
  /** The certificates above it that the file carries (DER), for the verifier's chain. */
  readonly chain: readonly Buffer[];
  /** The private key (PKCS#8 DER). */
  readonly privateKey: Buffer;
  /** "CN=Ủy ban nhân dân phường An Lạc, O=…, C=VN". */
  readonly subject: string;
  readonly notBefore: string;
  readonly notAfter: string;
  /** SHA-256 of the certificate, hex. */
  readonly fingerprint: string;
}

/** Why a PKCS#12 file cannot be used, in the words a user reads. */
export class CredentialError extends Error {
  override readonly name = 'CredentialError';
}

/** Reads a PKCS#12 file: its one private key, the certificate that matches it, and the others as its chain. */
export function readPkcs12(file: Buffer, password: string, now = new Date()): SigningCredential {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(file.toString('binary')), password);
  } catch (err) {
    if (/private key|OID is not RSA|Cannot read public key/i.test(String((err as Error).message)))
      throw new CredentialError('Chỉ dùng được chứng thư số có khóa RSA');
    const wrongPassword = /MAC could not be verified|Invalid password/i.test(String((err as Error).message));
    throw new CredentialError(
      wrongPassword ? 'Mật khẩu của tệp chứng thư số không đúng' : 'Tệp không phải chứng thư số PKCS#12 (.p12, .pfx) đọc được',
    );
  }
  const bags = (type: string) => p12.getBags({ bagType: type })[type] ?? [];
  const keyBags = [...bags(forge.pki.oids.pkcs8ShroudedKeyBag), ...bags(forge.pki.oids.keyBag)];
  const keys = keyBags.map((b) => b.key).filter((k) => k);
  // node-forge reads RSA keys only: a key bag it could not turn into a key holds another kind (EC).
  if (keyBags.length > keys.length)
    throw new CredentialError('Chỉ dùng được chứng thư số có khóa RSA (tệp này có khóa loại khác, ví dụ EC)');
  if (keys.length !== 1) throw new CredentialError(`Tệp chứng thư số phải chứa đúng một khóa bí mật (có ${keys.length})`);
  const certs = bags(forge.pki.oids.certBag)
    .map((b) => b.cert)
    .filter((c): c is forge.pki.Certificate => c !== undefined && c !== null);
  const der = (c: forge.pki.Certificate) => Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(c)).getBytes(), 'binary');
  const privateKey = Buffer.from(
    forge.asn1.toDer(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(keys[0] as forge.pki.rsa.PrivateKey))).getBytes(),
    'binary',
  );
  const publicOf = (key: Buffer) => createHash('sha256').update(key).digest('hex');
  const keyPublic = publicOf(
    Buffer.from(
      forge.asn1
        .toDer(
          forge.pki.publicKeyToAsn1(
            forge.pki.setRsaPublicKey((keys[0] as forge.pki.rsa.PrivateKey).n, (keys[0] as forge.pki.rsa.PrivateKey).e),
          ),
        )
        .getBytes(),
      'binary',
    ),
  );
  const own = certs.find(
    (c) => publicOf(Buffer.from(forge.asn1.toDer(forge.pki.publicKeyToAsn1(c.publicKey)).getBytes(), 'binary')) === keyPublic,
  );
  if (!own) throw new CredentialError('Tệp chứng thư số không có chứng thư khớp với khóa bí mật');
  const certificate = der(own);
  const x509 = new X509Certificate(certificate);
  const notBefore = new Date(x509.validFrom).toISOString();
  const notAfter = new Date(x509.validTo).toISOString();
  if (Date.parse(notAfter) <= now.getTime()) throw new CredentialError(`Chứng thư số đã hết hạn từ ${notAfter.slice(0, 10)}`);
  if (Date.parse(notBefore) > now.getTime()) throw new CredentialError(`Chứng thư số chưa có hiệu lực (từ ${notBefore.slice(0, 10)})`);
  return {
    certificate,
    chain: certs.filter((c) => c !== own).map(der),
    privateKey,
    subject: x509.subject.split('\n').join(', '),
    notBefore,
    notAfter,
    fingerprint: createHash('sha256').update(certificate).digest('hex'),
  };
}

const SEAL_VERSION = 1;

/** Encrypts `secret` under `key` (AES-256-GCM; the key derived by scrypt with a fresh salt). */
export function seal(key: string, secret: Buffer): Buffer {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', scryptSync(key, salt, 32), iv);
  const body = Buffer.concat([cipher.update(secret), cipher.final()]);
  return Buffer.concat([Buffer.from([SEAL_VERSION]), salt, iv, cipher.getAuthTag(), body]);
}

/** Decrypts what {@link seal} wrote; throws when the key is not the one it was sealed with or the bytes were changed. */
export function unseal(key: string, sealed: Buffer): Buffer {
  if (sealed[0] !== SEAL_VERSION) throw new CredentialError('Dữ liệu chứng thư số đã lưu không đọc được');
  const salt = sealed.subarray(1, 17);
  const iv = sealed.subarray(17, 29);
  const tag = sealed.subarray(29, 45);
  const decipher = createDecipheriv('aes-256-gcm', scryptSync(key, salt, 32), iv);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(sealed.subarray(45)), decipher.final()]);
  } catch {
    throw new CredentialError('Không giải mã được chứng thư số đã lưu: SIGNING_KEY khác với khóa đã dùng khi lưu');
  }
}

/** The stored form of a credential (sealed whole: certificate, chain and key). */
type StoredCredential = Omit<SigningCredential, 'certificate' | 'chain' | 'privateKey'> & {
  readonly certificate: string;
  readonly chain: readonly string[];
  readonly privateKey: string;
};

export function credentialToBytes(c: SigningCredential): Buffer {
  const stored: StoredCredential = {
    ...c,
    certificate: c.certificate.toString('base64'),
    chain: c.chain.map((d) => d.toString('base64')),
    privateKey: c.privateKey.toString('base64'),
  };
  return Buffer.from(JSON.stringify(stored));
}

export function credentialFromBytes(bytes: Buffer): SigningCredential {
  const stored = JSON.parse(bytes.toString('utf8')) as StoredCredential;
  return {
    ...stored,
    certificate: Buffer.from(stored.certificate, 'base64'),
    chain: stored.chain.map((d) => Buffer.from(d, 'base64')),
    privateKey: Buffer.from(stored.privateKey, 'base64'),
  };
}

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  sha256: '2.16.840.1.101.3.4.2.1',
};

/** Why a time-stamping authority gave no token. */
export class TimeStampError extends Error {
  override readonly name = 'TimeStampError';
}

/** An RFC 3161 time-stamp token for `value`'s SHA-256 from the authority at `url` (10 s at most). */
async function timeStamp(url: string, value: Buffer): Promise<pkijs.ContentInfo> {
  const nonce = randomBytes(8);
  nonce[0] &= 0x7f; // a positive INTEGER
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: createHash('sha256').update(value).digest() }),
    }),
    nonce: new asn1js.Integer({ valueHex: nonce }),
    certReq: true,
  });
  let answer: Response;
  try {
    answer = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query' },
      body: Buffer.from(request.toSchema().toBER(false)),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (err) {
    throw new TimeStampError(`Máy chủ cấp dấu thời gian ${url} không trả lời: ${(err as Error).message}`);
  }
  if (!answer.ok) throw new TimeStampError(`Máy chủ cấp dấu thời gian ${url} trả lời ${answer.status}`);
  const response = pkijs.TimeStampResp.fromBER(await answer.arrayBuffer());
  const granted = [pkijs.PKIStatus.granted, pkijs.PKIStatus.grantedWithMods].includes(response.status.status);
  if (!granted || !response.timeStampToken)
    throw new TimeStampError(`Máy chủ cấp dấu thời gian ${url} từ chối (trạng thái ${response.status.status})`);
  return response.timeStampToken;
}

/** The CMS of a PAdES baseline B-B signature over the signed byte ranges; B-T with a time-stamping authority. */
class PadesSigner extends Signer {
  constructor(
    private readonly credential: SigningCredential,
    private readonly tsaUrl?: string,
  ) {
    super();
  }

  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    const { certificate, chain, privateKey } = this.credential;
    const cert = pkijs.Certificate.fromBER(certificate);
    const attribute = (type: string, value: asn1js.AsnType) => new pkijs.Attribute({ type, values: [value] });
    const digest = createHash('sha256').update(pdfBuffer).digest();
    const certHash = createHash('sha256').update(certificate).digest();
    // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }; ESSCertIDv2 ::= SEQUENCE { certHash } (SHA-256 by default)
    const signingCertificate = new asn1js.Sequence({
      value: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: certHash })] })] })],
    });
    const signedData = new pkijs.SignedData({
      version: 1,
      encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
      signerInfos: [
        new pkijs.SignerInfo({
          version: 1,
          sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
          signedAttrs: new pkijs.SignedAndUnsignedAttributes({
            type: 0,
            attributes: [
              attribute(OID.contentType, new asn1js.ObjectIdentifier({ value: OID.data })),
              attribute(OID.messageDigest, new asn1js.OctetString({ valueHex: digest })),
              attribute(OID.signingCertificateV2, signingCertificate),
            ],
          }),
        }),
      ],
      certificates: [cert, ...chain.map((d) => pkijs.Certificate.fromBER(d))],
    });
    await signedData.sign(await importKey(privateKey), 0, 'SHA-256');
    if (this.tsaUrl) {
      // PAdES B-T: the authority's time-stamp token over the signature value, as an unsigned attribute.
      const signerInfo = signedData.signerInfos[0];
      const token = await timeStamp(this.tsaUrl, Buffer.from(signerInfo.signature.valueBlock.valueHexView));
      signerInfo.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
        type: 1,
        attributes: [new pkijs.Attribute({ type: OID.signatureTimeStampToken, values: [token.toSchema()] })],
      });
    }
    const info = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
    return Buffer.from(info.toSchema().toBER(false));
  }
}

/** The private key for WebCrypto (RSA: the keys node-forge reads from PKCS#12 files). */
function importKey(pkcs8: Buffer): Promise<webcrypto.CryptoKey> {
  return webcrypto.subtle.importKey('pkcs8', pkcs8, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
}

/**
 * @signpdf's placeholder writes the dictionary's text strings as UTF-8 bytes after a UTF-16 mark, which
 * readers show garbled: they get the text without its marks (the signer's name is the certificate's anyway).
 */
const plain = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '?')
    .replace(/[()\\]/g, ' ');

/**
 * Signs a PDF as PAdES B-B with the credential at `at` (B-T with `tsaUrl`, an RFC 3161 authority): an
 * incremental update, the page left as it is.
 */
export async function signPdf(
  pdf: Buffer,
  credential: SigningCredential,
  at: Date,
  reason: string,
  location: string,
  tsaUrl?: string,
): Promise<Buffer> {
  const prepared = plainAddPlaceholder({
    pdfBuffer: pdf,
    reason: plain(reason),
    contactInfo: '',
    name: plain(credential.subject),
    location: plain(location),
    signingTime: at,
    signatureLength: 8192 + 2048 * credential.chain.length + (tsaUrl ? 8192 : 0),
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    appName: 'ThiDuaKhenThuong',
  });
  return signpdf.sign(prepared, new PadesSigner(credential, tsaUrl), at);
}
