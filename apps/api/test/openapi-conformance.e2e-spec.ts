/**
 * The OpenAPI document tells the truth, as an independent fuzzer finds it: Schemathesis (PyPI, pinned in
 * .tools/venv) generates requests from the document alone for every operation, as the unit, the coordinator
 * and the admin, against a live system with a running campaign, and checks each answer: no server error, no
 * status the document does not declare, no body that breaks its declared schema or content type.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { REPO_ROOT, schemathesisPath } from '@thidua/devkit';
import { eventually, startApiStack, type ApiClient, type ApiStack } from '@thidua/testing';

const CHECKS = ['not_a_server_error', 'status_code_conformance', 'response_schema_conformance', 'content_type_conformance'];
/** Cases per operation and phase: enough to reach every declared rule, small enough for the test command. */
const EXAMPLES = Number(process.env.CONFORMANCE_EXAMPLES ?? 12);
/** Each role's whole report, kept for reading a failure. */
const ARTIFACTS = join(REPO_ROOT, 'test-artifacts/conformance');

/** What one run found, from its JUnit report (one test case per operation). */
interface Findings {
  readonly operations: number;
  readonly failures: string[];
  readonly output: string;
}

/** Runs Schemathesis as one caller; resolves with what it reported (never rejects on findings). */
function fuzz(bin: string, base: string, token: string, dir: string, who: string): Promise<Findings> {
  const junit = join(dir, `${who}.xml`);
  const args = [
    'run',
    `${base}/api/docs-json`,
    '--url',
    base,
    '--checks',
    CHECKS.join(','),
    '--header',
    `Authorization: Bearer ${token}`,
    '--max-examples',
    String(EXAMPLES),
    '--phases',
    'examples,coverage,fuzzing',
    '--seed',
    '20261204',
    '--workers',
    '2',
    '--generation-database',
    'none',
    '--request-timeout',
    '30',
    // The live stream never ends by itself (it is tested in live-stream.e2e-spec.ts): every call would time out.
    '--exclude-path',
    '/api/me/live',
    '--no-color',
    '--report',
    'junit',
    '--report-junit-path',
    junit,
  ];
  return new Promise((resolve, reject) => {
    // Its working directory is the run's own: Schemathesis keeps a cache of crashes where it runs.
    const child = spawn(bin, args, { cwd: dir, env: { ...process.env, PYTHONUNBUFFERED: '1' } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', () => {
      const xml = readFileSync(junit, 'utf8');
      const cases = xml.match(/<testcase /g)?.length ?? 0;
      const failures = [...xml.matchAll(/<testcase[^>]*name="([^"]+)"[^>]*>\s*<(failure|error)[^>]*message="([^"]*)"/g)].map(
        (m) => `${m[1]}: ${m[3]}`,
      );
      resolve({ operations: cases, failures, output });
    });
  });
}

describe('the OpenAPI document against an independent fuzzer (Schemathesis)', () => {
  let stack: ApiStack;
  const dir = mkdtempSync(join(tmpdir(), 'conformance-'));
  const bin = schemathesisPath();
  const callers: Array<readonly [string, ApiClient]> = [];

  beforeAll(async () => {
    if (!bin) throw new Error('schemathesis could not be installed from PyPI into .tools/venv');
    stack = await startApiStack('conformance');
    const admin = stack.admin;
    const pw = 'mat-khau-kiem-thu-2026';
    const [own, other] = ['phong-y-te', 'ubnd-phuong-an-lac'];
    await admin.post('/api/units/import', { templateId: 'binh-tan-cchc-2019' });
    for (const id of [own, other]) await admin.post('/api/accounts', { username: id, password: pw, role: 'unit', unitId: id });
    await admin.post('/api/accounts', { username: 'dieu-phoi', password: pw, role: 'coordinator' });
    const code = `fuzz-${randomUUID().slice(0, 8)}`;
    const def = (await admin.get(`/api/campaign-templates/binh-tan-cchc-2019?launchAt=${new Date().toISOString()}&code=${code}`)).body;
    expect((await admin.post('/api/campaigns', { definition: { ...def, units: [own, other] } })).status).toBe(201);
    await eventually(
      () => admin.get(`/api/campaigns/${code}`),
      (r) => r.body.status === 'running',
    );
    // The admin last: its requests may disable the other accounts or change their passwords.
    callers.push(['unit', await stack.anonymous.login(own, pw)], ['coordinator', await stack.anonymous.login('dieu-phoi', pw)]);
    callers.push(['admin', admin]);
  });

  afterAll(async () => {
    await stack?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds no server error, no undeclared status and no answer breaking its schema, for each role', async () => {
    for (const [who, client] of callers) {
      const found = await fuzz(bin!, stack.anonymous.base, client.token!, dir, who);
      mkdirSync(ARTIFACTS, { recursive: true });
      writeFileSync(join(ARTIFACTS, `${who}.txt`), found.output);
      const summary = found.output.split('\n').filter((l) => /tested|passed|failed|Summary|operations|test cases/i.test(l));
      process.stdout.write(`conformance ${who}: ${found.operations} operations; ${summary.join(' | ')}\n`);
      expect({ who, failures: found.failures }).toEqual({ who, failures: [] });
      expect(found.operations).toBeGreaterThan(40);
    }
  }, 1_800_000);
});
