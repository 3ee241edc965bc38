/**
 * Campaign templates as data through the HTTP API: the built-ins seeded (and versioned by releases), a clone edited into
 * new versions with the old ones kept, stale and invalid saves refused naming the field with nothing
 * saved, and a launched campaign keeping its own copy when its template changes afterwards.
 */
import { randomUUID } from 'node:crypto';
import { BUILTIN_TEMPLATES } from '../src/templates/templates';
import { TemplatesService } from '../src/templates/templates.service';
import { startApiStack, type ApiClient, type ApiStack, eventually, scenario } from '@thidua/testing';

describe('campaign templates', () => {
  let stack: ApiStack;
  let coordinator: ApiClient;

  beforeAll(async () => {
    stack = await startApiStack('templates');
    const password = 'mat-khau-dieu-phoi-2026';
    expect((await stack.admin.post('/api/accounts', { username: 'van-phong', password, role: 'coordinator' })).status).toBe(201);
    coordinator = await stack.anonymous.login('van-phong', password);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it(
    'seeds the built-ins, versions every save, refuses bad ones and leaves launched campaigns alone',
    scenario(async (step) => {
      step('the built-ins: the current-law ward template and the historical 2019 plan');
      const list = await coordinator.get('/api/campaign-templates');
      expect(list.status).toBe(200);
      expect(list.body.map((t: { id: string; builtin: boolean; historical: boolean }) => [t.id, t.builtin, t.historical])).toEqual([
        ['phuong-cds-cchc-2026', true, false],
        ['binh-tan-cchc-2019', true, true],
      ]);
      expect(list.body[0]).toMatchObject({
        issuer: 'Chủ tịch Ủy ban nhân dân phường',
        coordinator: 'Văn phòng HĐND và UBND phường',
        criteria: 5,
        reports: 3,
        meetings: 2,
        version: 1,
      });
      expect(list.body[1]).toMatchObject({ criteria: 5, reports: 0 });

      step('a new release that changes a built-in seeds its next version (the old one kept); an unchanged one adds nothing');
      const templates = stack.api.get(TemplatesService);
      const shipped = BUILTIN_TEMPLATES.find((t) => t.id === 'phuong-cds-cchc-2026')!;
      const versions = async (): Promise<number[]> =>
        ((await coordinator.get('/api/campaign-templates/phuong-cds-cchc-2026/versions')).body as Array<{ version: number }>).map(
          (v) => v.version,
        );
      await templates.seed(BUILTIN_TEMPLATES); // as at every start: nothing changed
      expect(await versions()).toEqual([1]);
      const release = {
        ...shipped,
        definition: {
          ...shipped.definition,
          meetings: [...shipped.definition.meetings!, { id: 'giao-ban-quy-3', title: 'Giao ban quý III', at: '2026-10-05T08:00:00+07:00' }],
        },
      };
      await templates.seed([release]);
      expect(await versions()).toEqual([2, 1]);
      expect((await coordinator.get('/api/campaign-templates/phuong-cds-cchc-2026?version=1')).body.meetings).toHaveLength(2);
      expect((await coordinator.get('/api/campaign-templates/phuong-cds-cchc-2026')).body.meetings).toHaveLength(3);

      step('a person may edit a built-in: a new version, the shipped ones kept; a later release does not overwrite the edit');
      const latest = (await coordinator.get('/api/campaign-templates/phuong-cds-cchc-2026')).body;
      const edited = await coordinator.call('PUT', '/api/campaign-templates/phuong-cds-cchc-2026', {
        definition: { ...latest, issuer: 'Chủ tịch Ủy ban nhân dân phường 7' },
        baseVersion: 2,
      });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({
        version: 3,
        builtin: true,
        issuer: 'Chủ tịch Ủy ban nhân dân phường 7',
        savedBy: 'coordinator:van-phong',
      });
      await templates.seed(BUILTIN_TEMPLATES);
      expect(await versions()).toEqual([3, 2, 1]);

      step('a clone is saved as new versions; each version stays readable');
      const id = `phuong-7-${randomUUID().slice(0, 6)}`;
      const clone = await coordinator.post('/api/campaign-templates/phuong-cds-cchc-2026/clone', {
        id,
        title: 'Thi đua chuyển đổi số phường 7',
      });
      expect(clone.status).toBe(201);
      expect(clone.body).toMatchObject({
        id,
        version: 1,
        builtin: false,
        clonedFrom: 'phuong-cds-cchc-2026@3',
        title: 'Thi đua chuyển đổi số phường 7',
      });
      const v1 = (await coordinator.get(`/api/campaign-templates/${id}`)).body;
      const criteria = [
        ...v1.criteria.slice(0, 4),
        {
          id: 'ty-le-thanh-toan-so',
          title: 'Tỷ lệ thanh toán không dùng tiền mặt',
          kind: 'percent',
          rule: { op: '>=', value: 70 },
          points: 10,
        },
      ];
      const saved = await coordinator.call('PUT', `/api/campaign-templates/${id}`, { definition: { ...v1, criteria }, baseVersion: 1 });
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({ version: 2, criteria: 5 });
      expect((await coordinator.get(`/api/campaign-templates/${id}`)).body.criteria.at(-1).id).toBe('ty-le-thanh-toan-so');
      expect((await coordinator.get(`/api/campaign-templates/${id}?version=1`)).body.criteria.at(-1).id).toBe('to-cong-nghe-so');
      expect((await coordinator.get(`/api/campaign-templates/${id}/versions`)).body.map((v: { version: number }) => v.version)).toEqual([
        2, 1,
      ]);

      step('a stale save and invalid definitions are refused naming the field; nothing is saved');
      const stale = await coordinator.call('PUT', `/api/campaign-templates/${id}`, { definition: v1, baseVersion: 1 });
      expect(stale.status).toBe(409);
      expect(stale.body.message).toMatch(/phiên bản 2/);
      const bad = await coordinator.call('PUT', `/api/campaign-templates/${id}`, {
        definition: {
          ...v1,
          criteria: [
            { ...criteria[0], kind: 'speed' },
            { ...criteria[1], rule: { op: 'between', value: 40 } },
            { ...criteria[4], rule: { op: '>=', value: 170 } },
          ],
        },
      });
      expect(bad.status).toBe(400);
      const fields = bad.body.details.map((d: { field: string }) => d.field);
      expect(fields).toEqual(['definition.criteria[0].kind', 'definition.criteria[1].rule.max', 'definition.criteria[2].rule.value']);
      expect(bad.body.message).toMatch(/không phải loại chỉ tiêu/);
      const rounds = await coordinator.post('/api/campaign-templates', {
        title: 'Sai kỳ báo cáo',
        definition: { ...v1, reports: [{ id: 'q1', title: 'Quý I', due: '31/3/2026' }] },
      });
      expect(rounds.status).toBe(400);
      expect(rounds.body.details.map((d: { field: string }) => d.field)).toEqual(['definition.reports[0].due']);
      expect((await coordinator.get(`/api/campaign-templates/${id}/summary`)).body.version).toBe(2);

      step('a template saved from a draft may have no units yet, and takes the plan’s title when none is given');
      const untitled = await coordinator.post('/api/campaign-templates', {
        definition: { ...v1, units: [], title: 'Kế hoạch thi đua chào mừng Đại hội' },
      });
      expect(untitled.status).toBe(201);
      expect(untitled.body.title).toBe('Kế hoạch thi đua chào mừng Đại hội');
      const draft = await coordinator.post('/api/campaign-templates', {
        title: 'Kế hoạch thi đua năm 2027 của phường',
        definition: { ...v1, units: [] },
      });
      expect(draft.status).toBe(201);
      expect(draft.body).toMatchObject({
        units: 0,
        version: 1,
        id: expect.stringMatching(/^ke-hoach-thi-dua-nam-2027-cua-phuong-[a-z0-9]+$/),
      });

      step('a campaign launched from the template keeps its own copy when the template changes');
      await stack.admin.post('/api/units/import', { templateId: id });
      const code = `tpl-${randomUUID().slice(0, 8)}`;
      const def = (await stack.admin.get(`/api/campaign-templates/${id}?launchAt=${new Date().toISOString()}&code=${code}`)).body;
      const launched = await stack.admin.post('/api/campaigns', { definition: { ...def, units: ['khu-pho-1', 'phong-van-hoa-xa-hoi'] } });
      expect(launched.status).toBe(201);
      expect(
        (await coordinator.call('PUT', `/api/campaign-templates/${id}`, { definition: { ...v1, criteria: criteria.slice(0, 2) } })).body
          .version,
      ).toBe(3);
      const campaign = await stack.admin.get(`/api/campaigns/${code}`);
      expect(campaign.body.criteria.map((c: { id: string }) => c.id)).toEqual(criteria.map((c: { id: string }) => c.id));
      expect(campaign.body.reports.map((r: { title: string }) => r.title)).toEqual([
        'Báo cáo kết quả quý I',
        'Báo cáo sơ kết 6 tháng',
        'Báo cáo kết quả 9 tháng',
      ]);

      step('a round’s deadline moved in the running campaign reaches its units; adding a round that way is refused naming it');
      const current = campaign.body.reports as Array<{ id: string; title: string; due: string; cutoffAt?: string }>;
      const later = new Date(Date.parse(current[0].due) + 7 * 86_400_000).toISOString();
      const moved = current.map((r, i) =>
        i === 0 ? { ...r, due: later, cutoffAt: new Date(Date.parse(later) + 14 * 86_400_000).toISOString() } : r,
      );
      const refused = await stack.admin.call('PATCH', `/api/campaigns/${code}/milestones`, {
        milestones: campaign.body.milestones,
        reports: [...moved, { id: 'quy-5', title: 'Quý V', due: later }],
      });
      expect(refused.status).toBe(400);
      expect(refused.body.details.map((d: { field: string }) => d.field)).toEqual(['reports[3].id']);
      const move = await stack.admin.call('PATCH', `/api/campaigns/${code}/milestones`, {
        milestones: campaign.body.milestones,
        reports: moved,
      });
      expect(move.status).toBe(200);
      expect(move.body.reports[0].due).toBe(later);
      const unitDue = await eventually(
        () => stack.admin.get(`/api/campaigns/${code}/units/khu-pho-1`),
        (r) => Date.parse(r.body.deadlines?.['round:quy-1']?.dueAt ?? '') === Date.parse(later),
      );
      expect(unitDue.body.rounds[0].due).toBe(later);
      expect((await stack.admin.get(`/api/campaigns/${code}/units/khu-pho-1/events`)).body.at(-1)).toMatchObject({
        type: 'MilestoneMoved',
        data: { reports: moved },
      });
    }),
  );
});
