/**
 * Signing certificates for the tests, made by OpenSSL as a certification authority would issue one: a test
 * CA, and an organisation's certificate it signs, exported as PKCS#12 with a password (OpenSSL 3's default
 * PBES2/AES and SHA-256 MAC, what users' files are). And `pdfsig` (poppler-utils) read back.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificate {
  readonly p12: Buffer;
  readonly password: string;
  /** The CA's certificate (PEM), for a verifier that trusts it. */
  readonly caPem: string;
  readonly dir: string;
}

const openssl = (dir: string, ...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });

/** A certificate for `commonName` of `organisation`, valid from yesterday for `days`, in a PKCS#12 file. */
export function makeCertificate(commonName: string, organisation: string, days = 365): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'thidua-cert-'));
  const password = 'mat-khau-chung-thu-123';
  openssl(
    dir,
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '3650',
    '-utf8',
    '-subj',
    '/CN=Thidua Test CA/O=Thidua Test/C=VN',
  );
  openssl(
    dir,
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'org.key',
    '-out',
    'org.csr',
    '-utf8',
    '-subj',
    `/CN=${commonName}/O=${organisation}/C=VN`,
  );
  writeFileSync(join(dir, 'ext.cnf'), 'keyUsage=critical,digitalSignature,nonRepudiation\nbasicConstraints=CA:FALSE\n');
  openssl(
    dir,
    'x509',
    '-req',
    '-in',
    'org.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'org.pem',
    '-days',
    String(days),
    '-extfile',
    'ext.cnf',
  );
  openssl(
    dir,
    'pkcs12',
    '-export',
    '-inkey',
    'org.key',
    '-in',
    'org.pem',
    '-certfile',
    'ca.pem',
    '-out',
    'org.p12',
    '-passout',
    `pass:${password}`,
  );
  return { p12: readFileSync(join(dir, 'org.p12')), password, caPem: readFileSync(join(dir, 'ca.pem'), 'utf8'), dir };
}

/** What `pdfsig` says of a PDF's signatures (its output and its complaints, whole), without failing on an invalid one. */
export function pdfsig(pdf: Buffer, dir = mkdtempSync(join(tmpdir(), 'thidua-pdfsig-'))): string {
  const file = join(dir, 'signed.pdf');
  writeFileSync(file, pdf);
  const run = spawnSync('pdfsig', ['-nocert', file], { encoding: 'utf8' });
  return `${run.stdout}${run.stderr}`;
}
