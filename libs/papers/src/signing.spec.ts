import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { makeCertificate, pdfsig, startTestTsa, verifyTimeStamp, type TestCertificate } from '@thidua/testing';
import { CredentialError, credentialFromBytes, credentialToBytes, readPkcs12, seal, signPdf, TimeStampError, unseal } from './signing';

/** A one-page PDF/A-2b as pdfkit writes the papers. */
async function onePage(): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', pdfVersion: '1.7', subset: 'PDF/A-2b', info: { Title: 'Thử ký số' } });
  doc.registerFont('r', require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif.ttf'));
  doc.font('r').text('Quyết định số 1/QĐ-UBND');
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => doc.on('end', resolve));
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

describe('signing papers', () => {
  let cert: TestCertificate;
  beforeAll(() => {
    cert = makeCertificate('Ủy ban nhân dân phường An Lạc', 'UBND phường An Lạc');
  });

  it('reads a PKCS#12 file as OpenSSL 3 writes it, and names a wrong password or a file that is none', () => {
    const credential = readPkcs12(cert.p12, cert.password);
    expect(credential.subject).toContain('CN=Ủy ban nhân dân phường An Lạc');
    expect(credential.chain).toHaveLength(1);
    expect(credential.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(() => readPkcs12(cert.p12, 'sai-mat-khau')).toThrow(new CredentialError('Mật khẩu của tệp chứng thư số không đúng'));
    expect(() => readPkcs12(Buffer.from('%PDF-1.7 không phải chứng thư'), cert.password)).toThrow(CredentialError);
    expect(() => readPkcs12(cert.p12, cert.password, new Date(Date.now() + 400 * 86_400_000))).toThrow(/đã hết hạn/);
    const dir = mkdtempSync(join(tmpdir(), 'ec-p12-'));
    const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
    run(
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      'k.pem',
      '-out',
      'c.pem',
      '-subj',
      '/CN=EC',
    );
    run('pkcs12', '-export', '-inkey', 'k.pem', '-in', 'c.pem', '-out', 'ec.p12', '-passout', 'pass:mat-khau-ec-123');
    expect(() => readPkcs12(readFileSync(join(dir, 'ec.p12')), 'mat-khau-ec-123')).toThrow(/khóa RSA/);
  });

  it('keeps a credential sealed: opened with the same key only, and any changed byte refused', () => {
    const credential = readPkcs12(cert.p12, cert.password);
    const key = 'khoa-ky-so-thu-nghiem-du-32-ky-tu-tro-len';
    const sealed = seal(key, credentialToBytes(credential));
    expect(sealed.includes(credential.privateKey.subarray(0, 32))).toBe(false);
    expect(credentialFromBytes(unseal(key, sealed))).toEqual(credential);
    expect(() => unseal(`${key}-khac`, sealed)).toThrow(/SIGNING_KEY khác/);
    const changed = Buffer.from(sealed);
    changed[changed.length - 1] ^= 1;
    expect(() => unseal(key, changed)).toThrow(CredentialError);
  });

  it('signs a PDF as PAdES that pdfsig finds valid, with the signer named; one byte changed and it is not', async () => {
    const credential = readPkcs12(cert.p12, cert.password);
    const signed = await signPdf(await onePage(), credential, new Date('2026-12-05T02:30:00Z'), 'Ban hành quyết định', 'An Lạc');
    const report = pdfsig(signed);
    expect(report).toContain('Signature is Valid');
    expect(report).toContain('Ủy ban nhân dân phường An Lạc');
    expect(report).toContain('ETSI.CAdES.detached');
    expect(report).not.toContain('Syntax Error');
    const at = signed.indexOf('Quyết định') > 0 ? signed.indexOf('/Producer') : 200;
    const tampered = Buffer.from(signed);
    tampered[at + 2] ^= 0x01;
    expect(pdfsig(tampered)).not.toContain('Signature is Valid');
  });

  it('time-stamps the signature with an RFC 3161 authority (PAdES B-T): the token verifies over the signature value', async () => {
    const tsa = await startTestTsa();
    try {
      const credential = readPkcs12(cert.p12, cert.password);
      const signed = await signPdf(await onePage(), credential, new Date(), 'Ban hành quyết định', 'An Lạc', tsa.url);
      expect(pdfsig(signed)).toContain('Signature is Valid');
      expect(tsa.answered()).toBe(1);
      expect(verifyTimeStamp(signed, tsa.caFile)).toContain('Verification: OK');
      const unstamped = await signPdf(await onePage(), credential, new Date(), 'Ban hành', 'An Lạc');
      expect(verifyTimeStamp(unstamped, tsa.caFile)).toBe('no time-stamp token');
    } finally {
      await tsa.close();
    }
    // An authority that is not there (never contacted, so no kept-alive connection reaches it): the signing fails, named.
    const away = await startTestTsa();
    await away.close();
    const credential = readPkcs12(cert.p12, cert.password);
    await expect(signPdf(await onePage(), credential, new Date(), 'Ban hành', 'An Lạc', away.url)).rejects.toThrow(TimeStampError);
  });
});
