/**
 * Evidence files through the API, on each store: the data folder (the default) and S3 on a real SeaweedFS,
 * both with a real clamd loaded with a test signature. A unit attaches two PDFs to its final report; the
 * coordinator and a council member download them byte for byte (SHA-256 equal to what the event recorded);
 * another unit gets 404. Refused files (infected, a type not accepted, empty) answer with the file's name and
 * why, and leave nothing in the store or the table. A 50 MB PDF streamed from disk is stored whole.
 */
import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, writeFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { spawn } from 'node:child_process';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { DataSource } from 'typeorm';
import { startClamd, startSeaweedfs, TEST_SIGNATURE, TEST_SIGNATURE_NAME, type RunningClamd, type RunningSeaweedfs } from '@thidua/devkit';
import { createDataSource } from '@thidua/persistence';
import { AN_LAC_ISSUER, campaignToFinalReports, scenario, startApiStack, type ApiClient, type ApiStack } from '@thidua/testing';

const PASSWORD = 'mat-khau-don-vi-2026';
const [AGENCY, SERVICE] = ['phong-van-hoa-xa-hoi', 'trung-tam-phuc-vu-hcc'];
const VALUES: Record<string, Record<string, number>> = {
  [AGENCY]: { 'ho-so-truc-tuyen': 95, 'tra-loi-phan-anh': 2, 'khieu-nai-vuot-cap': 0 },
  [SERVICE]: { 'ho-so-truc-tuyen': 85, 'thoi-gian-cho': 20, 'tra-loi-phan-anh': 2.5, 'khieu-nai-vuot-cap': 0 },
};
const MB = 1024 * 1024;

/** A small PDF whose body says `text` (what file-type reads is the header; clamd reads it all). */
function pdf(text: string): Buffer {
  return Buffer.from(`%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% ${text}\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`, 'utf8');
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

function form(name: string, bytes: Buffer): FormData {
  const data = new FormData();
  data.append('file', new Blob([new Uint8Array(bytes)]), name);
  return data;
}

/** Downloads a file: its status, bytes and headers. */
async function download(client: ApiClient, path: string): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
  const res = await fetch(`${client.base}${path}`, { headers: { authorization: `Bearer ${client.token}` } });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), headers: res.headers };
}

/** A 50 MB PDF written to disk in 1 MB pieces (never whole in memory). */
async function bigPdf(dir: string): Promise<string> {
  const path = join(dir, 'ho-so-lon.pdf');
  const out = createWriteStream(path);
  out.write('%PDF-1.7\n');
  for (let i = 0; i < 50; i++) if (!out.write(randomBytes(MB))) await once(out, 'drain');
  out.end('\n%%EOF\n');
  await once(out, 'finish');
  return path;
}

/** Uploads a file from disk in another process (a client streaming it, as a browser does). */
async function uploadFromDisk(client: ApiClient, path: string, name: string): Promise<{ status: number; body: any }> {
  const script = `
    const { openAsBlob } = require('node:fs');
    (async () => {
      const form = new FormData();
      form.append('file', await openAsBlob(process.argv[1]), process.argv[2]);
      const res = await fetch(process.argv[3], { method: 'POST', body: form, headers: { authorization: 'Bearer ' + process.env.TOKEN } });
      process.stdout.write(JSON.stringify({ status: res.status, body: await res.json() }));
    })();`;
  const child = spawn(process.execPath, ['-e', script, path, name, `${client.base}/api/files`], {
    env: { ...process.env, TOKEN: client.token },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  const [code] = (await once(child, 'exit')) as [number];
  if (code !== 0) throw new Error(`the upload process exited with ${code}`);
  return JSON.parse(out) as { status: number; body: any };
}

describe('evidence files', () => {
  let clamd: RunningClamd;
  let seaweed: RunningSeaweedfs;
  const dir = mkdtempSync(join(tmpdir(), 'thidua-evidence-'));

  beforeAll(async () => {
    [clamd, seaweed] = await Promise.all([startClamd(join(dir, 'clamd')), startSeaweedfs({ dir: join(dir, 'seaweedfs') })]);
  }, 300_000);
  afterAll(async () => {
    await Promise.all([clamd?.stop(), seaweed?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  const backends: Array<[string, () => Record<string, string>, (stack: ApiStack) => Promise<number>]> = [
    [
      'the data folder',
      () => ({ STORAGE_URL: `file://${join(dir, 'files')}` }),
      async () =>
        readdirSync(join(dir, 'files'), { recursive: true }).filter((f) => statSync(join(dir, 'files', String(f))).isFile()).length,
    ],
    [
      'S3 on SeaweedFS',
      () => ({
        STORAGE_URL: 's3://thidua-ho-so/minh-chung',
        S3_ENDPOINT: seaweed.endpoint,
        S3_ACCESS_KEY_ID: seaweed.accessKeyId,
        S3_SECRET_ACCESS_KEY: seaweed.secretAccessKey,
      }),
      async () => {
        const s3 = new S3Client({
          endpoint: seaweed.endpoint,
          region: 'us-east-1',
          forcePathStyle: true,
          credentials: { accessKeyId: seaweed.accessKeyId, secretAccessKey: seaweed.secretAccessKey },
        });
        const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'thidua-ho-so', Prefix: 'minh-chung/' }));
        s3.destroy();
        return listed.KeyCount ?? 0;
      },
    ],
  ];

  describe.each(backends)('on %s', (_where, env, storedObjects) => {
    let stack: ApiStack;
    let ds: DataSource;
    beforeAll(async () => {
      stack = await startApiStack('ho-so', { ...env(), CLAMD_SOCKET: clamd.socket, FILE_MAX_MB: '60' });
      ds = await createDataSource({ url: stack.config.databaseUrl, poolSize: 2 }).initialize();
    });
    afterAll(async () => {
      await stack?.close();
      await ds?.destroy();
    });

    it(
      'attaches two PDFs to a final report, shows them to the coordinator and the council only, refuses what it must, streams 50 MB',
      scenario(async (step) => {
        const { admin } = stack;
        step('units, their clerks, the coordinator and a council member');
        expect((await admin.post('/api/units/import', { templateId: 'phuong-cds-cchc-2026' })).status).toBe(201);
        for (const id of [AGENCY, SERVICE])
          expect((await admin.post('/api/accounts', { username: id, password: PASSWORD, role: 'unit', unitId: id })).status).toBe(201);
        expect((await admin.post('/api/accounts', { username: 'van-phong', password: PASSWORD, role: 'coordinator' })).status).toBe(201);
        expect((await admin.post('/api/accounts', { username: 'hoi-dong', password: PASSWORD, role: 'council' })).status).toBe(201);
        const unit = { [AGENCY]: await stack.anonymous.login(AGENCY, PASSWORD), [SERVICE]: await stack.anonymous.login(SERVICE, PASSWORD) };
        const coordinator = await stack.anonymous.login('van-phong', PASSWORD);
        const council = await stack.anonymous.login('hoi-dong', PASSWORD);
        const rows = async (): Promise<number> => Number((await ds.query('SELECT count(*) AS n FROM files'))[0].n);

        step('refused files answer 422 (413 when too large) with their name and why, and nothing is stored');
        const refused: Array<[string, Buffer, number, RegExp]> = [
          [
            'bao-cao-nhiem.pdf',
            pdf(`phu luc ${TEST_SIGNATURE}`),
            422,
            new RegExp(`bao-cao-nhiem\\.pdf.*mã độc \\(${TEST_SIGNATURE_NAME.replace(/\./g, '\\.')}\\)`),
          ],
          ['ghi-chu.pdf', Buffer.from('Chỉ là văn bản, không phải PDF'), 422, /ghi-chu\.pdf.*không thuộc định dạng nào được nhận.*PDF/],
          ['cai-dat.pdf', Buffer.concat([Buffer.from('MZ'), randomBytes(4096)]), 422, /cai-dat\.pdf/],
          ['trong.pdf', Buffer.alloc(0), 422, /trong\.pdf.*tệp rỗng/],
        ];
        for (const [name, bytes, status, message] of refused) {
          const answer = await unit[AGENCY].post('/api/files', form(name, bytes));
          expect({ name, status: answer.status }).toEqual({ name, status });
          expect(answer.body.message).toMatch(message);
          expect(answer.body.details[0]).toMatchObject({ field: 'file' });
        }
        expect(await rows()).toBe(0);
        expect(await storedObjects(stack)).toBe(0);

        step('two signed PDFs uploaded: each answered with its id, type read from content, size and SHA-256');
        const papers = [pdf('Báo cáo tổng kết năm 2026 — có chữ ký, đóng dấu'), pdf('Biên bản họp xét thi đua của phòng')];
        const uploaded = [];
        for (const [n, bytes] of papers.entries()) {
          const answer = await unit[AGENCY].post('/api/files', form(n === 0 ? 'Báo cáo tổng kết.pdf' : '../../Biên bản họp', bytes));
          expect(answer.status).toBe(201);
          expect(answer.body).toMatchObject({ size: bytes.length, mediaType: 'application/pdf', sha256: sha256(bytes) });
          uploaded.push(answer.body as { id: string; name: string });
        }
        expect(uploaded.map((u) => u.name)).toEqual(['Báo cáo tổng kết.pdf', 'Biên bản họp.pdf']);

        step('another unit cannot attach them; the unit attaches both to its final report');
        const code = await campaignToFinalReports(admin, unit, coordinator, {
          reporting: VALUES,
          prefix: 'ho-so',
          attachments: {
            [AGENCY]: [
              { fileId: uploaded[0].id, kind: 'report' },
              { fileId: uploaded[1].id, kind: 'minutes' },
            ],
          },
        });
        const path = (id: string): string => `/api/campaigns/${code}/units/${id}`;
        const detail = (await coordinator.get(path(AGENCY))).body;
        expect(detail.submissions['final-report'].attachments).toEqual([
          expect.objectContaining({ id: uploaded[0].id, kind: 'report', sha256: sha256(papers[0]), size: papers[0].length }),
          expect.objectContaining({ id: uploaded[1].id, kind: 'minutes', sha256: sha256(papers[1]) }),
        ]);
        const event = (await coordinator.get(`${path(AGENCY)}/events`)).body.find((e: { type: string }) => e.type === 'ReportSubmitted');
        expect(event.data.attachments.map((a: { name: string }) => a.name)).toEqual(['Báo cáo tổng kết.pdf', 'Biên bản họp.pdf']);

        step('the coordinator, the council and the unit download them byte for byte; another unit gets 404');
        for (const [n, file] of uploaded.entries()) {
          for (const reader of [coordinator, council, unit[AGENCY]]) {
            const got = await download(reader, `/api/campaigns/${code}/files/${file.id}`);
            expect(got.status).toBe(200);
            expect(sha256(got.bytes)).toBe(sha256(papers[n]));
            expect(got.headers.get('content-type')).toBe('application/pdf');
            expect(got.headers.get('repr-digest')).toBe(`sha-256=:${Buffer.from(sha256(papers[n]), 'hex').toString('base64')}:`);
            expect(got.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(file.name)}`);
          }
          expect((await download(unit[SERVICE], `/api/campaigns/${code}/files/${file.id}`)).status).toBe(404);
        }
        expect((await download(coordinator, `/api/campaigns/${code}/files/00000000-0000-4000-8000-000000000000`)).status).toBe(404);

        step('a file of another account, and one attached twice, are refused naming the field; nothing is sent');
        const theirs = await unit[SERVICE].post('/api/files', form('cua-toi.pdf', pdf('của đơn vị khác')));
        const tried = await unit[AGENCY].post(`/api/campaigns/${code}/units/${AGENCY}/reports/khong-co`, {
          summary: 'x',
          attachments: [{ fileId: theirs.body.id, kind: 'report' }],
        });
        expect(tried.status).toBe(400);
        expect(tried.body.details[0]).toMatchObject({ field: 'attachments', rule: 'unknown-file' });

        step('the dossier: each nominee with its achievement report and template number, the council’s signed minutes');
        const stage = `/api/campaigns/${code}/commendation`;
        const setup = {
          issuer: AN_LAC_ISSUER,
          postingDays: 10,
          nominationsDue: new Date(Date.now() + 3600_000).toISOString(),
        };
        expect((await coordinator.post(stage, { setup })).status).toBe(201);
        const upload = async (client: ApiClient, name: string, bytes: Buffer): Promise<string> => {
          const answer = await client.post('/api/files', form(name, bytes));
          expect(answer.status).toBe(201);
          return answer.body.id as string;
        };
        const personal = pdf('Báo cáo thành tích cá nhân — Mẫu số 05');
        const personalId = await upload(unit[AGENCY], 'Báo cáo thành tích Lê Thị Mai.pdf', personal);
        const sent = await unit[AGENCY].post(`/api/campaigns/${code}/units/${AGENCY}/commendation/individuals`, {
          people: [
            {
              name: 'Lê Thị Mai',
              position: 'Chuyên viên Phòng Văn hóa – Xã hội',
              achievement: 'Số hóa 1.200 hồ sơ hộ tịch.',
              formId: 'giay-khen-ca-nhan',
              achievementReport: { fileId: personalId, form: 'Mẫu số 05' },
            },
          ],
        });
        expect(sent.status).toBe(201);
        expect((await unit[SERVICE].post(`/api/campaigns/${code}/units/${SERVICE}/commendation/individuals`, { people: [] })).status).toBe(
          201,
        );
        const collectiveId = await upload(coordinator, 'Báo cáo thành tích tập thể.pdf', pdf('Báo cáo thành tích tập thể — Mẫu số 02'));
        const noForm = await coordinator.post(`${stage}/nominations`, {
          unitId: AGENCY,
          formId: 'giay-khen-tap-the',
          achievementReport: { fileId: collectiveId },
        });
        expect(noForm.status).toBe(400);
        expect(noForm.body.details[0].field).toBe('achievementReport.form');
        const nominated = await coordinator.post(`${stage}/nominations`, {
          unitId: AGENCY,
          formId: 'giay-khen-tap-the',
          achievementReport: { fileId: collectiveId, form: 'Mẫu số 02' },
        });
        expect(nominated.status).toBe(201);
        const dossier = nominated.body.nominees.map(
          (n: { id: string; achievementReport?: { name: string; form: string; kind: string } }) => [
            n.id,
            n.achievementReport?.name,
            n.achievementReport?.form,
            n.achievementReport?.kind,
          ],
        );
        expect(dossier).toEqual([
          [`cn:${AGENCY}:1`, 'Báo cáo thành tích Lê Thị Mai.pdf', 'Mẫu số 05', 'achievement-report'],
          [`tt:${AGENCY}:giay-khen-tap-the`, 'Báo cáo thành tích tập thể.pdf', 'Mẫu số 02', 'achievement-report'],
        ]);
        for (const [i, name] of ['Thành viên Một', 'Thành viên Hai'].entries())
          expect(
            (
              await admin.post('/api/accounts', {
                username: `thanh-vien-${i + 1}`,
                password: PASSWORD,
                role: 'coordinator',
                displayName: name,
              })
            ).status,
          ).toBe(201);
        const members = [
          { username: 'van-phong', role: 'Chủ tịch Hội đồng' },
          { username: 'thanh-vien-1', role: 'Thành viên' },
          { username: 'thanh-vien-2', role: 'Thư ký' },
        ];
        expect((await coordinator.call('PUT', `${stage}/council`, { members, meetingAt: new Date().toISOString() })).status).toBe(200);
        for (const nominee of [`cn:${AGENCY}:1`, `tt:${AGENCY}:giay-khen-tap-the`])
          expect((await coordinator.post(`${stage}/votes`, { nomineeId: nominee, present: 3, inFavour: 3 })).status).toBe(201);
        const minutesBytes = pdf('Biên bản họp Hội đồng, đã ký');
        const minutesId = await upload(coordinator, 'Biên bản họp Hội đồng.pdf', minutesBytes);
        const attached = await coordinator.post(`${stage}/minutes`, { attachments: [{ fileId: minutesId, kind: 'minutes' }] });
        expect(attached.status).toBe(201);
        expect(attached.body.minutes).toEqual([expect.objectContaining({ id: minutesId, sha256: sha256(minutesBytes) })]);
        expect((await coordinator.post(`${stage}/posting`)).status).toBe(201);

        step(
          'the posted list (PDF) names every enclosed file; the nominee’s unit, the coordinator and the council read them, others get 404',
        );
        const list = await download(coordinator, `${stage}/papers/danh-sach.pdf`);
        expect(list.status).toBe(200);
        const listFile = join(dir, `danh-sach-${code}.pdf`);
        writeFileSync(listFile, list.bytes);
        const text = execFileSync('pdftotext', ['-enc', 'UTF-8', listFile, '-'], { encoding: 'utf8' })
          .normalize('NFC')
          .replace(/\s+/g, ' ');
        expect(text).toContain('Hồ sơ kèm theo:');
        expect(text).toContain('Lê Thị Mai — Báo cáo thành tích (Mẫu số 05): Báo cáo thành tích Lê Thị Mai.pdf');
        expect(text).toContain('Phòng Văn hóa – Xã hội — Báo cáo thành tích (Mẫu số 02): Báo cáo thành tích tập thể.pdf');
        expect(text).toContain('Hội đồng Thi đua – Khen thưởng — Biên bản: Biên bản họp Hội đồng.pdf');
        expect(text).toContain(`SHA-256 ${sha256(personal).slice(0, 12)}`);
        for (const reader of [coordinator, council, unit[AGENCY]])
          expect(sha256((await download(reader, `/api/campaigns/${code}/files/${personalId}`)).bytes)).toBe(sha256(personal));
        expect((await download(unit[SERVICE], `/api/campaigns/${code}/files/${personalId}`)).status).toBe(404);
        expect((await download(unit[SERVICE], `/api/campaigns/${code}/files/${minutesId}`)).status).toBe(404);
        expect((await download(council, `/api/campaigns/${code}/files/${minutesId}`)).status).toBe(200);

        step('a 50 MB PDF streamed from disk is stored whole');
        const big = await bigPdf(dir);
        const size = statSync(big).size;
        const bigSha = createHash('sha256');
        for await (const chunk of createReadStream(big)) bigSha.update(chunk as Buffer);
        const measured = await uploadFromDisk(unit[SERVICE], big, 'Hồ sơ lớn.pdf');
        expect(measured.status).toBe(201);
        expect(measured.body).toMatchObject({ size, sha256: bigSha.digest('hex'), mediaType: 'application/pdf' });
        const back = await download(coordinator, `/api/campaigns/${code}/files/${measured.body.id}`);
        // Not attached to anything yet: nobody else sees it.
        expect(back.status).toBe(404);
        expect(await rows()).toBe(7);
        expect(await storedObjects(stack)).toBe(7);
        rmSync(big);

        if (env().STORAGE_URL.startsWith('s3:')) {
          step('the object store stops: an upload answers 503 with Retry-After, naming the file; nothing is recorded');
          await seaweed.stop();
          const away = await unit[AGENCY].post('/api/files', form('Báo cáo bổ sung.pdf', pdf('bổ sung')));
          expect(away.status).toBe(503);
          expect(away.headers.get('retry-after')).toBe('30');
          expect(away.body.message).toContain('Báo cáo bổ sung.pdf');
          expect(await rows()).toBe(7);
        }
      }),
      600_000,
    );
  });
});
