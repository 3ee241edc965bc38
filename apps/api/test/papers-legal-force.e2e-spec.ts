/**
 * Papers with legal force, through the API as the ward's staff meet them: the law a paper cites is the one in
 * force on its day (a draft dated 15/12/2024 cites Nghị định 98/2023, the decision issued today 152/2025); a
 * council of nine counts an absent member's written opinion under the decree's 80% rule and the minutes say
 * so; the annex gives each awardee's money and the total in words; the organisation's certificate signs the
 * decision and each certificate as PAdES, which pdfsig reports valid (and invalid once a byte is changed);
 * the papers are PDF/A-2b.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DataSource } from 'typeorm';
import { createDataSource } from '@thidua/persistence';
import {
  AN_LAC_ISSUER,
  campaignToFinalReports,
  dbFingerprint,
  eventually,
  makeCertificate,
  ofType,
  pdfsig,
  scenario,
  startApiStack,
  startTestTsa,
  verifyTimeStamp,
  type ApiClient,
  type ApiStack,
  type TestTsa,
} from '@thidua/testing';

const SECOND = 1000;
const root = join(__dirname, '../../..');
const ARTIFACTS = join(root, 'test-artifacts/papers');
const PASSWORD = 'mat-khau-don-vi-2026';
const SIGNING_KEY = 'khoa-ma-hoa-chung-thu-so-cua-phuong-an-lac-2026';
const [AGENCY, HOOD] = ['phong-van-hoa-xa-hoi', 'khu-pho-4'];
const VALUES: Record<string, Record<string, number>> = {
  [AGENCY]: { 'ho-so-truc-tuyen': 95, 'tra-loi-phan-anh': 2, 'khieu-nai-vuot-cap': 0 },
  [HOOD]: { 'tra-loi-phan-anh': 2, 'khieu-nai-vuot-cap': 0, 'to-cong-nghe-so': 1 },
};
const COUNCIL = [
  'Trần Thị Hương',
  'Nguyễn Văn Đức',
  'Phạm Thị Ánh',
  'Hoàng Quốc Việt',
  'Lý Thanh Bình',
  'Đỗ Minh Khoa',
  'Vũ Thị Lan',
  'Bùi Văn Nam',
  'Đặng Thu Trang',
];

/** The text of a PDF as pdftotext reads it, whitespace collapsed. */
function textOf(pdf: Buffer, dir: string, name: string): string {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).normalize('NFC').replace(/\s+/g, ' ');
}

/**
 * The PDF/A-2b identification, embedded fonts and metadata, as poppler reads them (veraPDF is not installed
 * here: see the README): the XMP names PDF/A part 2 conformance B and the paper's number; every font is embedded.
 */
function pdfaProblems(pdf: Buffer, dir: string, name: string, number: string): string[] {
  const file = join(dir, `${name}-pdfa.pdf`);
  writeFileSync(file, pdf);
  const xmp = execFileSync('pdfinfo', ['-meta', file], { encoding: 'utf8' });
  const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter((l) => l.trim());
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return [
    ...(/<pdfaid:part>2<\/pdfaid:part>/.test(xmp) ? [] : ['XMP: pdfaid:part is not 2']),
    ...(/<pdfaid:conformance>B<\/pdfaid:conformance>/.test(xmp) ? [] : ['XMP: pdfaid:conformance is not B']),
    ...(xmp.includes(number) ? [] : [`XMP: the number ${number} is missing`]),
    ...(xmp.includes(AN_LAC_ISSUER.name) ? [] : ['XMP: the issuer is missing']),
    ...(/PDF version:\s+1\.7/.test(info) ? [] : ['not PDF 1.7']),
    ...(fonts.length ? [] : ['no fonts']),
    ...fonts.filter((l) => !/\s+yes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.test(l)).map((l) => `font not embedded: ${l}`),
  ];
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

describe('papers with legal force through the API', () => {
  let stack: ApiStack;
  let admin: ApiClient;
  let ds: DataSource;
  let tsa: TestTsa;
  const dir = mkdtempSync(join(tmpdir(), 'legal-force-'));

  beforeAll(async () => {
    tsa = await startTestTsa();
    stack = await startApiStack('legalforce', { SIGNING_KEY, TSA_URL: tsa.url });
    admin = stack.admin;
    ds = await createDataSource({ url: stack.config.databaseUrl, poolSize: 2 }).initialize();
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await stack?.close();
    await ds?.destroy();
    await tsa?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'cites the law of the paper’s day, counts written opinions, gives the money in words, signs as PAdES and archives as PDF/A',
    scenario(async (step) => {
      step('the ward’s two units, their accounts, the coordinator and a council of nine');
      expect((await admin.post('/api/units/import', { templateId: 'phuong-cds-cchc-2026' })).status).toBe(201);
      for (const id of [AGENCY, HOOD])
        expect((await admin.post('/api/accounts', { username: id, password: PASSWORD, role: 'unit', unitId: id })).status).toBe(201);
      expect(
        (await admin.post('/api/accounts', { username: 'van-phong', password: PASSWORD, role: 'coordinator', displayName: 'Lê Minh Tâm' }))
          .status,
      ).toBe(201);
      for (const [i, name] of COUNCIL.entries())
        expect(
          (await admin.post('/api/accounts', { username: `hd-${i + 1}`, password: PASSWORD, role: 'coordinator', displayName: name }))
            .status,
        ).toBe(201);
      const unit = Object.fromEntries(
        await Promise.all([AGENCY, HOOD].map(async (id) => [id, await stack.anonymous.login(id, PASSWORD)] as const)),
      );
      const coordinator = await stack.anonymous.login('van-phong', PASSWORD);

      step('the law as dated data: each role’s text in force on a day; admins add a text, bad ones are named and change nothing');
      const on2024 = await coordinator.get('/api/legal-texts?on=2024-12-15');
      expect(on2024.status).toBe(200);
      expect(on2024.body.inForce).toMatchObject({
        'commendation-decree': 'nd-98-2023',
        'local-government-law': 'luat-77-2015',
        'base-salary': 'nd-73-2024',
      });
      expect((await coordinator.get('/api/legal-texts?on=2026-12-05')).body.inForce).toMatchObject({
        'commendation-decree': 'nd-152-2025',
        'local-government-law': 'luat-72-2025',
      });
      expect((await coordinator.get('/api/legal-texts?on=15/12/2024')).body.details[0].field).toBe('on');
      const next = {
        id: 'nd-luong-co-so-2027',
        role: 'base-salary',
        kind: 'decree',
        number: '15/2027/NĐ-CP',
        issuedOn: '2027-05-20',
        issuer: 'Chính phủ',
        subject: 'quy định mức lương cơ sở đối với cán bộ, công chức, viên chức và lực lượng vũ trang',
        effectiveFrom: '2027-07-01',
        amount: 2_530_000,
      };
      const fp = await dbFingerprint(ds);
      const backwards = await admin.post('/api/legal-texts', { ...next, effectiveFrom: '2027-01-01' });
      expect(backwards.status).toBe(400);
      expect(backwards.body.details.map((d: { field: string }) => d.field)).toEqual(['effectiveFrom']);
      const noAmount = await admin.post('/api/legal-texts', { ...next, amount: undefined });
      expect(noAmount.body.details.map((d: { field: string }) => d.field)).toEqual(['amount']);
      expect((await unit[HOOD].post('/api/legal-texts', next)).status).toBe(403);
      expect((await coordinator.post('/api/legal-texts', next)).status).toBe(403);
      expect(await dbFingerprint(ds)).toBe(fp);
      expect((await admin.post('/api/legal-texts', next)).status).toBe(201);
      expect((await admin.post('/api/legal-texts', next)).status).toBe(409);
      expect((await coordinator.get('/api/legal-texts?on=2027-07-01')).body.inForce['base-salary']).toBe(next.id);
      expect((await coordinator.get('/api/legal-texts?on=2027-06-30')).body.inForce['base-salary']).toBe('nd-73-2024');
      expect((await admin.call('DELETE', '/api/legal-texts/nd-152-2025')).status).toBe(409);

      step('the ward’s signing certificate: a wrong password or a non-PNG seal is named and nothing is kept; then it is set');
      const certificate = makeCertificate('Ủy ban nhân dân phường An Lạc', 'UBND phường An Lạc');
      const upload = { pkcs12: certificate.p12.toString('base64'), password: certificate.password };
      const path = '/api/organisations/root/signing-certificate';
      const wrong = await admin.call('PUT', path, { ...upload, password: 'khong-dung' });
      expect([wrong.status, wrong.body.details[0]]).toEqual([
        400,
        expect.objectContaining({ field: 'pkcs12', message: 'Mật khẩu của tệp chứng thư số không đúng' }),
      ]);
      const notPng = await admin.call('PUT', path, { ...upload, sealImage: Buffer.from('GIF89a…').toString('base64') });
      expect(notPng.body.details[0].field).toBe('sealImage');
      expect((await admin.get(path)).status).toBe(404);
      expect((await coordinator.call('PUT', path, upload)).status).toBe(403);
      const set = await admin.call('PUT', path, upload);
      expect(set.status).toBe(200);
      expect(set.body.subject).toContain('CN=Ủy ban nhân dân phường An Lạc');
      expect(JSON.stringify((await admin.get(path)).body)).not.toMatch(/pkcs12|privateKey|password/);
      const [sealed] = await ds.query('SELECT sealed FROM signing_credentials');
      expect((sealed.sealed as Buffer).includes(Buffer.from('BEGIN'))).toBe(false);

      step('a campaign to its final reports; the stage opened; the ward nominates two people for Chiến sĩ thi đua cơ sở');
      const code = await campaignToFinalReports(admin, unit, coordinator, { reporting: VALUES, prefix: 'phap-ly' });
      const stage = `/api/campaigns/${code}/commendation`;
      const opened = await coordinator.post(stage, {
        setup: { issuer: AN_LAC_ISSUER, postingDays: 5, nominationsDue: new Date(Date.now() + 120 * SECOND).toISOString() },
      });
      expect(opened.status).toBe(201);
      const person = (name: string) => ({
        name,
        position: 'Công chức văn hóa – xã hội',
        achievement: 'Hoàn thành xuất sắc nhiệm vụ năm 2026.',
        initiative: 'Sổ tay “Một cửa số” cho người cao tuổi',
        formId: 'chien-si-thi-dua-co-so',
      });
      expect(
        (
          await unit[HOOD].post(`/api/campaigns/${code}/units/${HOOD}/commendation/individuals`, {
            people: [person('Nguyễn Thị Thu Hà'), person('Võ Đức Thắng')],
          })
        ).status,
      ).toBe(201);
      expect((await unit[AGENCY].post(`/api/campaigns/${code}/units/${AGENCY}/commendation/individuals`, { people: [] })).status).toBe(201);
      expect((await coordinator.post(`${stage}/nominations`, { unitId: AGENCY, formId: 'giay-khen-tap-the' })).status).toBe(201);

      step('a council of nine, seven present: 7 + 1 written opinion = 8/9 passes the 80% rule; 7/9 fails; the minutes say so');
      const members = COUNCIL.map((_, i) => ({
        username: `hd-${i + 1}`,
        role: i === 0 ? 'Chủ tịch Hội đồng' : i === 8 ? 'Thư ký' : 'Thành viên',
      }));
      expect((await coordinator.call('PUT', `${stage}/council`, { members, meetingAt: new Date().toISOString() })).status).toBe(200);
      const [ha, thang] = [`cn:${HOOD}:1`, `cn:${HOOD}:2`];
      const fp2 = await dbFingerprint(ds);
      const tooMany = await coordinator.post(`${stage}/votes`, {
        nomineeId: ha,
        present: 7,
        inFavour: 7,
        written: { received: 3, inFavour: 1 },
      });
      expect([tooMany.status, tooMany.body.details[0].message]).toEqual([400, expect.stringContaining('số thành viên vắng mặt (2)')]);
      expect(await dbFingerprint(ds)).toBe(fp2);
      expect(
        (await coordinator.post(`${stage}/votes`, { nomineeId: ha, present: 7, inFavour: 7, written: { received: 1, inFavour: 1 } }))
          .status,
      ).toBe(201);
      expect((await coordinator.post(`${stage}/votes`, { nomineeId: thang, present: 7, inFavour: 7 })).status).toBe(201);
      expect(
        (await coordinator.post(`${stage}/votes`, { nomineeId: `tt:${AGENCY}:giay-khen-tap-the`, present: 7, inFavour: 7 })).status,
      ).toBe(201);
      const voted = (await coordinator.get(stage)).body.nominees as Array<{ id: string; vote: Record<string, unknown> }>;
      expect(voted.find((n) => n.id === ha)!.vote).toMatchObject({ passed: true, percent: 88.9, counted: 8, needed: 8 });
      expect(voted.find((n) => n.id === thang)!.vote).toMatchObject({ passed: false, percent: 77.8, needed: 8 });
      const minutes = await coordinator.bytes(`${stage}/papers/bien-ban.pdf`);
      const minutesText = textOf(minutes.body, dir, 'bien-ban');
      expect(minutesText).toContain('Nguyễn Thị Thu Hà (Khu phố 4): 7 phiếu đồng ý tại cuộc họp và 1/1 ý kiến bằng văn bản đồng ý');
      expect(minutesText).toContain('tổng cộng 8/9 thành viên, đạt 88,9%');
      expect(minutesText).toContain('77,8%');
      expect(minutesText).toContain('Không đạt');
      expect(minutesText).toContain('khoản 7 Điều 30 Nghị định số 98/2023/NĐ-CP');
      expect(minutesText).toContain('thành viên vắng mặt cho ý kiến bằng văn bản, được tính vào kết quả');

      step('posted; the draft decision dated 15/12/2024 cites the law of that day, the one dated today the law of today');
      expect((await coordinator.post(`${stage}/posting`)).status).toBe(201);
      const draft2024 = await coordinator.bytes(`${stage}/papers/quyet-dinh.pdf?draft=2024-12-15`);
      expect(draft2024.status).toBe(200);
      const old = textOf(draft2024.body, dir, 'du-thao-2024');
      expect(old).toContain('DỰ THẢO');
      expect(old).toContain('Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ');
      expect(old).toContain('Căn cứ Luật Tổ chức chính quyền địa phương số 77/2015/QH13');
      expect(old).not.toContain('152/2025');
      expect((await coordinator.bytes(`${stage}/papers/quyet-dinh.pdf?draft=15-12-2024`)).status).toBe(400);
      expect((await coordinator.bytes(`${stage}/papers/bien-ban.pdf?draft=2024-12-15`)).status).toBe(400);

      step('the period ends; the decision is issued: numbered, signed, stored once, its SHA-256 in DecisionIssued');
      await eventually(
        () => coordinator.get(stage),
        (r) => r.body.posting.ended === true,
        60 * SECOND,
      );
      const issued = await coordinator.post(`${stage}/decision`);
      expect(issued.status).toBe(201);
      const decision = issued.body.decision;
      const [event] = await ds.query(`SELECT data FROM events WHERE type IN (${ofType('DecisionIssued')}) AND campaign_id = $1`, [code]);
      const papers = event.data.papers;
      expect(papers.decision).toMatchObject({
        mediaType: 'application/pdf',
        signed: { subject: expect.stringContaining('An Lạc'), profile: 'PAdES-B-T' },
      });
      expect(papers.cites).toEqual(['luat-72-2025', 'luat-06-2022', 'nd-152-2025']);
      expect(papers.total).toBe(3_750_000); // Chiến sĩ thi đua cơ sở 1,0 × 2.340.000 + Giấy khen tập thể 0,6 × 2.340.000 → 1.410.000
      expect(papers.certificates.map((c: { nomineeId: string }) => c.nomineeId).sort()).toEqual(
        [ha, `tt:${AGENCY}:giay-khen-tap-the`].sort(),
      );

      const download = await coordinator.bytes(`${stage}/papers/quyet-dinh.pdf`);
      expect(download.status).toBe(200);
      expect(sha256(download.body)).toBe(papers.decision.sha256);
      expect(download.headers.get('repr-digest')).toBe(`sha-256=:${Buffer.from(papers.decision.sha256, 'hex').toString('base64')}:`);
      const signedText = textOf(download.body, dir, 'quyet-dinh-ky-so');
      expect(signedText).toContain(`Số: ${decision.numberText}`);
      expect(signedText).toContain('Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025');
      expect(signedText).not.toContain('98/2023');
      expect(signedText).toContain('1,0 × 2.340.000 = 2.340.000');
      expect(signedText).toContain('0,6 × 2.340.000 = 1.410.000');
      expect(signedText).toContain('Tổng số tiền thưởng: 3.750.000 đồng (Bằng chữ: Ba triệu bảy trăm năm mươi nghìn đồng)');
      expect(signedText).toContain('Thời gian ký: ');
      expect(signedText).not.toContain('Võ Đức Thắng'); // failed the council's vote

      step('pdfsig: the decision’s signature is valid and names the signer; one byte changed and it is not');
      const report = pdfsig(download.body);
      expect(report).toContain('Signature is Valid');
      expect(report).toContain('Ủy ban nhân dân phường An Lạc');
      expect(report).toContain('ETSI.CAdES.detached');
      expect(report).not.toContain('Syntax Error');
      expect(verifyTimeStamp(download.body, tsa.caFile)).toContain('Verification: OK'); // B-T: time-stamped by the TSA
      const tampered = Buffer.from(download.body);
      const at = tampered.indexOf('Producer');
      tampered[at + 1] ^= 0x20;
      expect(pdfsig(tampered)).not.toContain('Signature is Valid');
      writeFileSync(join(ARTIFACTS, 'quyet-dinh-ky-so.pdf'), download.body);
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        '70',
        '-f',
        '1',
        '-l',
        '1',
        '-singlefile',
        join(ARTIFACTS, 'quyet-dinh-ky-so.pdf'),
        join(ARTIFACTS, 'quyet-dinh-ky-so'),
      ]);

      step('a certificate: the unit downloads its own, the stored signed file; decision and certificate pass the PDF/A check');
      const own = papers.certificates.find((c: { nomineeId: string }) => c.nomineeId === ha);
      const certificatePdf = await unit[HOOD].bytes(`${stage}/papers/giay-khen.pdf?nominee=${encodeURIComponent(ha)}`);
      expect(certificatePdf.status).toBe(200);
      expect(sha256(certificatePdf.body)).toBe(own.sha256);
      expect(pdfsig(certificatePdf.body)).toContain('Signature is Valid');
      writeFileSync(join(ARTIFACTS, 'giay-khen-ky-so.pdf'), certificatePdf.body);
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        '60',
        '-singlefile',
        join(ARTIFACTS, 'giay-khen-ky-so.pdf'),
        join(ARTIFACTS, 'giay-khen-ky-so'),
      ]);
      expect(pdfaProblems(download.body, dir, 'quyet-dinh', decision.numberText)).toEqual([]);
      expect(pdfaProblems(certificatePdf.body, dir, 'giay-khen', decision.numberText)).toEqual([]);
      expect((await unit[AGENCY].bytes(`${stage}/papers/giay-khen.pdf?nominee=${encodeURIComponent(ha)}`)).status).toBe(403);
    }),
    600 * SECOND,
  );
});
