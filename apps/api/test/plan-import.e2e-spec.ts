/**
 * Plan import through the HTTP API: a coordinator pastes a plan and gets the draft with its quotes; what is
 * not a plan is refused with a 4xx naming the problem, never a 5xx; units may not use it. Nothing is stored.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BINH_TAN_2019_MILESTONES } from '../../../libs/contracts/src/campaign';
import { startApiStack, type ApiClient, type ApiStack } from '../../../test/api-stack';

const seed = readFileSync(join(__dirname, '../../../libs/planning/src/__fixtures__/binh-tan-2019.txt'), 'utf8');

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
    expect(r.body.draft.milestones).toMatchObject({ registrationDue: BINH_TAN_2019_MILESTONES.registrationDue, finalReportDue: BINH_TAN_2019_MILESTONES.finalReportDue });
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

  it('the directory takes the unit kinds a plan names under two-level government (communes, neighbourhoods)', async () => {
    expect((await stack.admin.post('/api/units', { id: 'xa-phu-hoa', name: 'UBND xã Phú Hòa', kind: 'commune' })).status).toBe(201);
    expect((await stack.admin.post('/api/units', { id: 'khu-pho-1', name: 'Khu phố 1', kind: 'neighbourhood' })).status).toBe(201);
    const bad = await stack.admin.post('/api/units', { id: 'quan-1', name: 'Quận 1', kind: 'district' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.details)).toContain('kind');
  });

  it('is for admins and coordinators, not units or strangers', async () => {
    expect((await stack.admin.post('/api/units', { id: 'phuong-1', name: 'UBND phường 1', kind: 'ward' })).status).toBe(201);
    expect((await stack.admin.post('/api/accounts', { username: 'phuong-1', password: 'mat-khau-phuong-2026', role: 'unit', unitId: 'phuong-1' })).status).toBe(201);
    const unit = await stack.anonymous.login('phuong-1', 'mat-khau-phuong-2026');
    expect((await unit.post('/api/plan-imports', { text: seed })).status).toBe(403);
    expect((await stack.anonymous.post('/api/plan-imports', { text: seed })).status).toBe(401);
  });
});
