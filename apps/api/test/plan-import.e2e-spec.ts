/**
 * Plan import through the HTTP API: a coordinator pastes a plan, or uploads its Word or text file, and gets the
 * draft with its quotes; what is not a plan is refused with a 4xx naming the problem, never a 5xx; units may
 * not use it. Nothing is stored.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BINH_TAN_2019_MILESTONES } from '@thidua/contracts';
import { startApiStack, type ApiClient, type ApiStack, docxOf, zipDeclaring, zipOf } from '@thidua/testing';
import { REPO_ROOT } from '@thidua/devkit';

const seed = readFileSync(join(REPO_ROOT, 'libs/planning/src/__fixtures__/binh-tan-2019.txt'), 'utf8');
const school = readFileSync(join(REPO_ROOT, 'libs/planning/src/__fixtures__/so-gd-dong-nai-2027.txt'), 'utf8');

/** A multipart form with one file in the field `field`, as a browser's file input sends it. */
function formOf(name: string, bytes: Uint8Array, field = 'file'): FormData {
  const form = new FormData();
  form.append(field, new Blob([bytes]), name);
  return form;
}

describe('POST /api/plan-imports', () => {
  let stack: ApiStack;
  let coordinator: ApiClient;

  beforeAll(async () => {
    stack = await startApiStack('planimport');
    const password = 'mat-khau-dieu-phoi-2026';
    expect((await stack.admin.post('/api/accounts', { username: 'dieu-phoi', password, role: 'coordinator' })).status).toBe(201);
    coordinator = await stack.anonymous.login('dieu-phoi', password);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('reads the seed plan into a draft whose every quote is in the text', async () => {
    const r = await coordinator.post('/api/plan-imports', { text: seed });
    expect(r.status).toBe(200);
    expect(r.body.draft.milestones).toMatchObject({
      registrationDue: BINH_TAN_2019_MILESTONES.registrationDue,
      finalReportDue: BINH_TAN_2019_MILESTONES.finalReportDue,
    });
    expect(r.body.draft.criteria).toHaveLength(5);
    expect(r.body.draft.unitGroups[0]).toEqual({ text: 'Ủy ban nhân dân 10 phường', kind: 'ward', count: 10 });
    for (const e of [...r.body.evidence, ...r.body.unresolved]) expect(seed).toContain(e.quote);
  });

  it('refuses what is not a plan with a 4xx naming the field, never a 5xx', async () => {
    const cases: Array<[string, unknown, number]> = [
      ['empty', { text: '' }, 400],
      ['blank', { text: '  \n ' }, 400],
      ['no text field', {}, 400],
      ['not a string', { text: 42 }, 400],
      ['English', { text: 'Quarterly sports day plan, registration before 15/3/2026.' }, 422],
      ['huge (over 1 MiB)', { text: `Kế hoạch thi đua ${'đ'.repeat(600_000)}` }, 413],
    ];
    for (const [name, body, status] of cases) {
      const r = await coordinator.post('/api/plan-imports', body);
      expect({ name, status: r.status }).toEqual({ name, status });
      expect(r.body.message).toEqual(expect.any(String));
      expect(JSON.stringify(r.body.details)).toContain('text');
    }
    const binary = await coordinator.post('/api/plan-imports', { text: `Kế hoạch ${'\u0001\u0002\u0003'.repeat(100)}` });
    expect(binary.status).toBeGreaterThanOrEqual(400);
    expect(binary.status).toBeLessThan(500);
    const tooBigForTheWire = await coordinator.post('/api/plan-imports', { text: 'a'.repeat(5 * 1024 * 1024) });
    expect(tooBigForTheWire.status).toBe(413);
  });

  it('reads a Word file (.docx): paragraphs as lines, the same draft as the pasted text, quotes from the text it answers', async () => {
    const docx = await docxOf(school.split('\n'));
    const r = await coordinator.post('/api/plan-imports/file', formOf('Kế hoạch thi đua năm học 2026-2027.docx', docx));
    expect(r.status).toBe(200);
    expect(r.body.fileName).toBe('Kế hoạch thi đua năm học 2026-2027.docx');
    expect(r.body.text.trimEnd()).toBe(school.trimEnd());
    const pasted = await coordinator.post('/api/plan-imports', { text: school });
    expect(r.body.draft).toEqual(pasted.body.draft);
    expect(r.body.draft.milestones.registrationDue).toBe('2027-01-20T17:00:00+07:00');
    for (const e of [...r.body.evidence, ...r.body.unresolved]) expect(r.body.text).toContain(e.quote);
  });

  it('reads a text file in UTF-8 with a byte-order mark, or in UTF-16', async () => {
    const utf8 = await coordinator.post(
      '/api/plan-imports/file',
      formOf('ke-hoach.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(seed)])),
    );
    expect(utf8.status).toBe(200);
    expect(utf8.body.text).toBe(seed);
    expect(utf8.body.draft.criteria).toHaveLength(5);
    const utf16 = await coordinator.post(
      '/api/plan-imports/file',
      formOf('ke-hoach.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(seed, 'utf16le')])),
    );
    expect(utf16.status).toBe(200);
    expect(utf16.body.draft).toEqual(utf8.body.draft);
  });

  it('refuses files it cannot read with a 4xx naming the file and what to do, never a 5xx', async () => {
    const docx = await docxOf(school.split('\n'));
    const broken = Buffer.from(docx.subarray(0, docx.length - 100));
    // A document that unzips to 65 MiB of spaces (65 KiB zipped), and a zip that declares 1 KiB but inflates to 200 MiB.
    const huge = await docxOf([' '.repeat(65 * 1024 * 1024)]);
    const lying = zipDeclaring('word/document.xml', Buffer.alloc(200 * 1024 * 1024, 0x20), 1024);
    const cases: Array<[string, FormData, number, string]> = [
      ['Word 97-2003', formOf('cu.doc', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])), 415, '.docx'],
      ['PDF', formOf('ke-hoach.pdf', Buffer.from('%PDF-1.7\n%âãÏÓ\n')), 415, 'PDF'],
      ['broken .docx', formOf('hong.docx', broken), 422, 'hong.docx'],
      ['a zip that is no Word file', formOf('anh.docx', await zipOf({ 'anh.png': 'không phải Word' })), 422, 'anh.docx'],
      ['empty file', formOf('trong.txt', Buffer.alloc(0)), 422, 'trống'],
      ['English text', formOf('plan.txt', Buffer.from('Quarterly sports day plan, registration before 15/3/2026.')), 422, 'tiếng Việt'],
      ['over 10 MiB', formOf('lon.txt', Buffer.alloc(10 * 1024 * 1024 + 1, 0x61)), 413, '10 MiB'],
      ['unzips past 64 MiB', formOf('lon.docx', huge), 413, '64 MiB'],
      ['lies about its size', formOf('bom.docx', lying), 422, 'bom.docx'],
      ['wrong field', formOf('ke-hoach.txt', Buffer.from(seed), 'tep'), 400, 'file'],
      ['no file', new FormData(), 400, 'file'],
    ];
    for (const [name, form, status, words] of cases) {
      const r = await coordinator.post('/api/plan-imports/file', form);
      expect({ name, status: r.status }).toEqual({ name, status });
      expect({ name, message: r.body.message }).toEqual({ name, message: expect.stringContaining(words) });
    }
    const json = await coordinator.post('/api/plan-imports/file', { text: seed });
    expect(json.status).toBe(400);
  });

  it('the directory takes the unit kinds a plan names under two-level government (communes, neighbourhoods)', async () => {
    expect((await stack.admin.post('/api/units', { id: 'xa-phu-hoa', name: 'UBND xã Phú Hòa', kind: 'commune' })).status).toBe(201);
    expect((await stack.admin.post('/api/units', { id: 'khu-pho-1', name: 'Khu phố 1', kind: 'neighbourhood' })).status).toBe(201);
    const bad = await stack.admin.post('/api/units', { id: 'quan-1', name: 'Quận 1', kind: 'district' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.details)).toContain('kind');
  });

  it('is for admins and coordinators, not units or strangers', async () => {
    expect((await stack.admin.post('/api/units', { id: 'phuong-1', name: 'UBND phường 1', kind: 'ward' })).status).toBe(201);
    expect(
      (
        await stack.admin.post('/api/accounts', {
          username: 'phuong-1',
          password: 'mat-khau-phuong-2026',
          role: 'unit',
          unitId: 'phuong-1',
        })
      ).status,
    ).toBe(201);
    const unit = await stack.anonymous.login('phuong-1', 'mat-khau-phuong-2026');
    expect((await unit.post('/api/plan-imports', { text: seed })).status).toBe(403);
    expect((await stack.anonymous.post('/api/plan-imports', { text: seed })).status).toBe(401);
    expect((await unit.post('/api/plan-imports/file', formOf('ke-hoach.txt', Buffer.from(seed)))).status).toBe(403);
    expect((await stack.anonymous.post('/api/plan-imports/file', formOf('ke-hoach.txt', Buffer.from(seed)))).status).toBe(401);
  });
});
