/**
 * Signing certificates for the tests, made by OpenSSL as a certification authority would issue one: a test
 * CA, and an organisation's certificate it signs, exported as PKCS#12 with a password (OpenSSL 3's default
 * PBES2/AES and SHA-256 MAC, what users' files are). And `pdfsig` (poppler-utils) read back.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pkijs from 'pkijs';
import { extractSignature } from '@signpdf/utils';

export interface TestCertificate {
  readonly p12: Buffer;
  readonly password: string;
  /** The CA's certificate (PEM), for a verifier that trusts it. */
  readonly caPem: string;
  readonly dir: string;
}

const openssl = (dir: string, ...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });

/** A test CA in `dir` (ca.key, ca.pem), and a certificate `name`.pem it issues for `subject` with `extensions`. */
function issue(dir: string, caSubject: string, name: string, subject: string, extensions: string, days: number): void {
  openssl(
    dir,
    ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '3650'],
    '-utf8',
    '-subj',
    caSubject,
  );
  openssl(dir, ...['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`], '-utf8', '-subj', subject);
  writeFileSync(join(dir, `${name}-ext.cnf`), extensions);
  openssl(
    dir,
    ...['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.pem`],
    ...['-days', String(days), '-extfile', `${name}-ext.cnf`],
  );
}

/** A certificate for `commonName` of `organisation`, valid for `days` from now, in a PKCS#12 file with its CA. */
export function makeCertificate(commonName: string, organisation: string, days = 365): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'thidua-cert-'));
  const password = 'mat-khau-chung-thu-123';
  const extensions = 'keyUsage=critical,digitalSignature,nonRepudiation\nbasicConstraints=CA:FALSE\n';
  issue(dir, '/CN=Thidua Test CA/O=Thidua Test/C=VN', 'org', `/CN=${commonName}/O=${organisation}/C=VN`, extensions, days);
  openssl(
    dir,
    ...['pkcs12', '-export', '-inkey', 'org.key', '-in', 'org.pem', '-certfile', 'ca.pem', '-out', 'org.p12'],
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

/** A time-stamping authority for the tests: OpenSSL's `ts -reply` behind an HTTP endpoint, with its own CA. */
export interface TestTsa {
  readonly url: string;
  /** The TSA's CA certificate (PEM file), to verify its tokens with `openssl ts -verify`. */
  readonly caFile: string;
  /** How many requests it answered. */
  readonly answered: () => number;
  close(): Promise<void>;
}

export async function startTestTsa(): Promise<TestTsa> {
  const dir = mkdtempSync(join(tmpdir(), 'thidua-tsa-'));
  const extensions = 'extendedKeyUsage=critical,timeStamping\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n';
  issue(dir, '/CN=Thidua Test TSA CA/C=VN', 'tsa', '/CN=Thidua Test TSA/C=VN', extensions, 365);
  writeFileSync(join(dir, 'serial'), '01\n');
  writeFileSync(
    join(dir, 'tsa.cnf'),
    [
      '[ tsa ]',
      'default_tsa = tsa_config',
      '[ tsa_config ]',
      `dir = ${dir}`,
      'serial = $dir/serial',
      'signer_cert = $dir/tsa.pem',
      'certs = $dir/ca.pem',
      'signer_key = $dir/tsa.key',
      'signer_digest = sha256',
      'default_policy = 1.2.3.4.1',
      'digests = sha256',
      'accuracy = secs:1',
      'ess_cert_id_chain = no',
      'ess_cert_id_alg = sha256',
      '',
    ].join('\n'),
  );
  let answered = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const query = join(dir, `q-${answered}.tsq`);
      const reply = join(dir, `r-${answered}.tsr`);
      writeFileSync(query, Buffer.concat(chunks));
      const run = spawnSync('openssl', ['ts', '-reply', '-config', join(dir, 'tsa.cnf'), '-queryfile', query, '-out', reply]);
      if (run.status !== 0) {
        res.writeHead(500).end(run.stderr);
        return;
      }
      answered += 1;
      res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(readFileSync(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/tsa`,
    caFile: join(dir, 'ca.pem'),
    answered: () => answered,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The time-stamp token a signed PDF's CMS carries over its signature, verified by `openssl ts -verify` against
 * the TSA's CA: OpenSSL's report ("Verification: OK") or its complaint.
 */
export function verifyTimeStamp(pdf: Buffer, caFile: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'thidua-ts-verify-'));
  const { signature } = extractSignature(pdf) as { signature: string };
  const info = pkijs.ContentInfo.fromBER(Buffer.from(signature, 'binary'));
  const signed = new pkijs.SignedData({ schema: info.content });
  const signer = signed.signerInfos[0];
  const token = signer.unsignedAttrs?.attributes.find((a) => a.type === '1.2.840.113549.1.9.16.2.14')?.values[0];
  if (!token) return 'no time-stamp token';
  writeFileSync(join(dir, 'token.der'), Buffer.from(token.toBER(false)));
  const digest = createHash('sha256').update(Buffer.from(signer.signature.valueBlock.valueHexView)).digest('hex');
  const run = spawnSync('openssl', ['ts', '-verify', '-digest', digest, '-in', join(dir, 'token.der'), '-token_in', '-CAfile', caFile], {
    encoding: 'utf8',
  });
  return `${run.stdout}${run.stderr}`;
}
