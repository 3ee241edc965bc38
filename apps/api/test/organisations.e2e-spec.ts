/**
 * A province on one installation, as its people meet it: `org:import --province 79` seeds Thành phố Hồ Chí Minh
 * and its 168 wards, communes and special zone from the official list (PyPI `vietnam-provinces`); the city's
 * admin sees them all, a ward's admin only their ward; a person holding roles in two organisations switches
 * between them, and a role taken away stops working at once; organisations' settings are theirs to change; the
 * tree and the roles fold back from the log alone.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { REPO_ROOT } from '@thidua/devkit';
import { eventually, PROJECTION_TABLES, projectionSnapshot, startApiStack, type ApiStack } from '@thidua/testing';

/** Runs a script of scripts/ from its TypeScript source against the stack's database. */
function script(stack: ApiStack, name: string, ...args: string[]) {
  return spawnSync(process.execPath, ['-r', join(REPO_ROOT, 'test/swc-register.js'), join(REPO_ROOT, `scripts/${name}.ts`), ...args], {
    env: { ...process.env, DATABASE_URL: stack.config.databaseUrl },
    encoding: 'utf8',
    timeout: 300_000,
  });
}

describe('a province on one installation', () => {
  let stack: ApiStack;
  let ds: DataSource;
  const pw = 'mat-khau-kiem-thu-2026';

  beforeAll(async () => {
    stack = await startApiStack('orgs');
    ds = stack.api.get(DataSource);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('seeds Thành phố Hồ Chí Minh and its 168 communes from the official list, once', async () => {
    const first = script(stack, 'org-import', '--province', '79');
    expect({ status: first.status, stderr: first.status === 0 ? '' : first.stderr }).toEqual({ status: 0, stderr: '' });
    expect(JSON.parse(first.stdout.trim().split('\n').pop()!)).toMatchObject({ adopted: true, created: 168, existing: 0 });
    const [{ n }]: Array<{ n: number }> = await ds.query('SELECT count(*)::int AS n FROM organisations');
    expect(n).toBe(1 + 168);

    const again = script(stack, 'org-import', '--province', '79');
    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout.trim().split('\n').pop()!)).toMatchObject({ adopted: false, created: 0, existing: 168 });

    const other = script(stack, 'org-import', '--province', '1');
    expect(other.status).toBe(1);
    expect(other.stderr).toContain('Hệ thống này thuộc Thành phố Hồ Chí Minh (mã 79)');
    expect(script(stack, 'org-import', '--province', 'abc').status).toBe(2);
  });

  it('shows the city every ward, and a ward’s admin only their own', async () => {
    // The import ran in another process: the API hears of it on PostgreSQL's channel, within moments.
    const all = (
      await eventually(
        () => stack.admin.get('/api/organisations'),
        (r) => r.body.length === 169,
      )
    ).body as Array<{
      id: string;
      kind: string;
      depth: number;
      name: string;
    }>;
    expect(all).toHaveLength(169);
    expect(all[0]).toMatchObject({ id: 'root', kind: 'province', name: 'Thành phố Hồ Chí Minh', depth: 0 });
    const kinds = all.slice(1).reduce<Record<string, number>>((m, o) => ({ ...m, [o.kind]: (m[o.kind] ?? 0) + 1 }), {});
    expect(kinds).toEqual({ ward: 113, commune: 54, 'special-zone': 1 });
    expect(all.slice(1).every((o) => o.depth === 1)).toBe(true);
    // Each ward is also a unit of the city's directory: the city launches its campaigns for them.
    expect((await stack.admin.get('/api/units')).body).toHaveLength(168);

    const ward = all.find((o) => o.name === 'Phường Sài Gòn')!;
    const neighbour = all.find((o) => o.name === 'Phường Bến Thành')!;
    expect((await stack.admin.post('/api/accounts', { username: 'sg-quan-tri', password: pw, role: 'admin', orgId: ward.id })).status).toBe(
      201,
    );
    const wardAdmin = await stack.anonymous.login('sg-quan-tri', pw);
    const seen = (await wardAdmin.get('/api/organisations')).body as Array<{ id: string; settings: { issuer?: string } }>;
    expect(seen.map((o) => o.id)).toEqual([ward.id]);
    expect(seen[0].settings.issuer).toBe('ỦY BAN NHÂN DÂN PHƯỜNG SÀI GÒN');
    expect((await wardAdmin.get(`/api/organisations/${neighbour.id}`)).status).toBe(404);
    expect((await wardAdmin.get('/api/organisations/root')).status).toBe(404);
    expect((await wardAdmin.get('/api/units')).body).toEqual([]);
    expect((await wardAdmin.get('/api/accounts')).body.map((a: { username: string }) => a.username)).toEqual(['sg-quan-tri']);

    // Its own settings are its to change; the neighbour's are not even there for it.
    const settings = { issuer: 'ỦY BAN NHÂN DÂN PHƯỜNG SÀI GÒN', signerTitle: 'Chủ tịch', signerName: 'Nguyễn Văn Minh' };
    const changed = await wardAdmin.call('PATCH', `/api/organisations/${ward.id}`, { settings });
    expect(changed.status).toBe(200);
    expect(changed.body.settings).toEqual(settings);
    expect((await wardAdmin.call('PATCH', `/api/organisations/${neighbour.id}`, { settings })).status).toBe(404);
    // Below itself, it adds its own bodies; the city's coordinator reads them.
    const hood = await wardAdmin.post('/api/organisations', { id: 'sg-khu-pho-1', kind: 'office', name: 'Khu phố 1' });
    expect(hood.status).toBe(201);
    expect(hood.body).toMatchObject({ parentId: ward.id, depth: 1 });
  });

  it('lets a ward’s admin import its own units from a CSV or Excel file, refusing a file with a bad row whole', async () => {
    const ward = await stack.anonymous.login('sg-quan-tri', pw);
    const form = (name: string, body: Buffer | string): FormData => {
      const f = new FormData();
      f.append('file', new Blob([body]), name);
      return f;
    };
    const csv = [
      'Mã đơn vị,Tên đơn vị,Loại,E-mail đầu mối',
      'sg-kp-1,Khu phố 1,"Khu phố, ấp",kp1@saigon.example.vn',
      'sg-thcs,Trường THCS Sài Gòn,service-unit,',
    ].join('\n');
    const first = await ward.post('/api/units/file', form('don-vi.csv', `\uFEFF${csv}`));
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ created: 2, existing: 0 });
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Đơn vị');
    sheet.addRow(['Tên đơn vị', 'Mã đơn vị', 'Loại']);
    sheet.addRow(['Khu phố 1', 'sg-kp-1', 'Khu phố, ấp']);
    sheet.addRow(['Trạm Y tế phường', 'sg-tram-y-te', 'Đơn vị sự nghiệp']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    expect((await ward.post('/api/units/file', form('don-vi.xlsx', xlsx))).body).toEqual({ created: 1, existing: 1 });
    const units = (await ward.get('/api/units')).body as Array<{ id: string; kind: string; orgId: string }>;
    expect(units.map((u) => `${u.id}:${u.kind}:${u.orgId}`).sort()).toEqual([
      'sg-kp-1:neighbourhood:phuong-sai-gon',
      'sg-thcs:service-unit:phuong-sai-gon',
      'sg-tram-y-te:service-unit:phuong-sai-gon',
    ]);
    // A bad row refuses the whole file, naming the row and the column; nothing is stored.
    const before = units.length;
    const bad = await ward.post(
      '/api/units/file',
      form('don-vi.csv', ['Mã đơn vị,Tên đơn vị,Loại', 'sg-kp-2,Khu phố 2,neighbourhood', 'SG KP 3,Khu phố 3,tổ dân phố'].join('\n')),
    );
    expect(bad.status).toBe(422);
    expect(bad.body.message).toMatch(/Dòng 3, cột "Mã đơn vị"/);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['rows.3.id', 'rows.3.kind']);
    expect((await ward.get('/api/units')).body).toHaveLength(before);
    expect((await ward.post('/api/units/file', form('don-vi.pdf', 'x'))).status).toBe(422);
    // A unit of the city's directory is not the ward's to import.
    const taken = await ward.post('/api/units/file', form('don-vi.csv', 'Mã đơn vị,Tên đơn vị,Loại\nphuong-ben-thanh,Bến Thành,ward'));
    expect(taken.status).toBe(409);
  });

  it('keeps a template to its organisation until it is shared down the tree, and then lets the wards read and clone it, not change it', async () => {
    const ward = await stack.anonymous.login('sg-quan-tri', pw);
    const def = (await stack.admin.get('/api/campaign-templates/binh-tan-cchc-2019')).body;
    expect((await stack.admin.post('/api/campaign-templates', { id: 'tp-mau-2027', definition: def })).body).toMatchObject({
      orgId: 'root',
      shared: false,
    });
    const ids = async (): Promise<string[]> => ((await ward.get('/api/campaign-templates')).body as Array<{ id: string }>).map((t) => t.id);
    expect(await ids()).not.toContain('tp-mau-2027');
    expect((await ward.get('/api/campaign-templates/tp-mau-2027')).status).toBe(404);
    expect((await stack.admin.call('PUT', '/api/campaign-templates/tp-mau-2027/sharing', { shared: true })).body.shared).toBe(true);
    expect(await ids()).toContain('tp-mau-2027');
    expect((await ward.get('/api/campaign-templates/tp-mau-2027')).status).toBe(200);
    expect((await ward.call('PUT', '/api/campaign-templates/tp-mau-2027', { definition: def })).status).toBe(403);
    expect((await ward.call('PUT', '/api/campaign-templates/tp-mau-2027/sharing', { shared: false })).status).toBe(403);
    const copy = await ward.post('/api/campaign-templates/tp-mau-2027/clone', { id: 'sg-mau-2027' });
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({ orgId: 'phuong-sai-gon', shared: false, clonedFrom: 'tp-mau-2027@1' });
    expect((await stack.admin.call('PUT', '/api/campaign-templates/tp-mau-2027/sharing', { shared: false })).status).toBe(200);
    expect((await ward.get('/api/campaign-templates/tp-mau-2027')).status).toBe(404);
    // The ward's own copy is the ward's; the city reads it (below it), not the other way round.
    expect((await stack.admin.get('/api/campaign-templates/sg-mau-2027/summary')).status).toBe(200);
  });

  it('lets a person with roles in two organisations switch, and stops a role taken away at once', async () => {
    const [chair] = (await stack.admin.get('/api/accounts')).body.filter((a: { username: string }) => a.username === 'sg-quan-tri');
    // The ward's chairman also sits on the city's council (the city's admin sets every role within the city).
    const granted = await stack.admin.call('PUT', `/api/accounts/${chair.id}/roles`, {
      grants: [
        { orgId: 'phuong-sai-gon', role: 'admin' },
        { orgId: 'root', role: 'council' },
      ],
    });
    expect(granted.status).toBe(200);
    expect(granted.body.grants.map((g: { orgId: string; role: string }) => `${g.role}@${g.orgId}`).sort()).toEqual([
      'admin@phuong-sai-gon',
      'council@root',
    ]);
    const ward = await stack.anonymous.login('sg-quan-tri', pw);
    const me = (await ward.get('/api/me')).body;
    expect(me).toMatchObject({ orgName: 'Phường Sài Gòn', role: 'admin' });
    expect(me.grants).toHaveLength(2);
    // The ward's own admin cannot take the city's role away: it is not theirs to see.
    const own = (await ward.get('/api/accounts')).body.find((a: { username: string }) => a.username === 'sg-quan-tri');
    expect(own.grants.map((g: { orgId: string }) => g.orgId)).toEqual(['phuong-sai-gon']);
    const switched = await ward.post('/api/auth/switch', { orgId: 'root', role: 'council' });
    expect(switched.status).toBe(200);
    const city = ward.as(switched.body.accessToken);
    expect((await city.get('/api/me')).body).toMatchObject({ orgId: 'root', orgName: 'Thành phố Hồ Chí Minh', role: 'council' });
    expect((await city.get('/api/organisations')).body).toHaveLength(170);
    expect((await city.post('/api/units', { id: 'x', name: 'X', kind: 'agency' })).status).toBe(403);
    // A role it does not hold is not given by a switch.
    expect((await ward.post('/api/auth/switch', { orgId: 'root', role: 'admin' })).status).toBe(403);
    // Taken away by the city's admin: that token stops working; the ward's role stays.
    const taken = await stack.admin.call('PUT', `/api/accounts/${chair.id}/roles`, {
      grants: [{ orgId: 'phuong-sai-gon', role: 'admin' }],
    });
    expect(taken.body.grants).toEqual([expect.objectContaining({ orgId: 'phuong-sai-gon', role: 'admin' })]);
    expect((await city.get('/api/me')).status).toBe(401);
    expect((await ward.get('/api/me')).status).toBe(200);
  });

  it('folds the tree and the roles back from the log alone', async () => {
    await stack.stopWorker();
    const kept = await projectionSnapshot(ds);
    const rebuilt = script(stack, 'rebuild-projections');
    expect({ status: rebuilt.status, stderr: rebuilt.status === 0 ? '' : rebuilt.stderr }).toEqual({ status: 0, stderr: '' });
    const fromLog = await projectionSnapshot(ds);
    for (const table of PROJECTION_TABLES) expect({ table, rows: fromLog[table] }).toEqual({ table, rows: kept[table] });
    expect(kept.organisations).toHaveLength(170);
  });
});
