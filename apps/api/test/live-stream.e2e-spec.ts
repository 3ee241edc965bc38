/**
 * The live stream (Server-Sent Events) through HTTP on the real stack: each person hears what they may read
 * and nothing else, on every device at once; a resumed stream gets what changed while it was away; a stream
 * ends when its token expires; the API closes with streams open.
 */
import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import {
  startApiStack,
  type ApiClient,
  type ApiStack,
  eventually,
  scenario,
  openLive,
  type LiveFrame,
  type LiveReader,
} from '@thidua/testing';

const pw = 'mat-khau-don-vi-2026';
const A = 'phong-tu-phap';
const B = 'ubnd-phuong-an-lac';

describe('the live stream of changes', () => {
  let stack: ApiStack;
  let admin: ApiClient;
  const readers: LiveReader[] = [];
  const open = async (token: string | undefined, lastEventId?: string): Promise<LiveReader> => {
    const r = await openLive(stack.anonymous.base, token, lastEventId);
    readers.push(r);
    return r;
  };

  beforeAll(async () => {
    stack = await startApiStack('live');
    admin = stack.admin;
  });
  afterAll(async () => {
    for (const r of readers) r.close();
    await stack?.close();
  });

  it(
    'tells each person, on each of their devices, what changed that they may read',
    scenario(async (step) => {
      step('units and accounts; a unit signed in on two devices, another unit, the coordinator');
      expect((await admin.post('/api/units/import', { templateId: 'binh-tan-cchc-2019' })).status).toBe(201);
      for (const unitId of [A, B])
        expect((await admin.post('/api/accounts', { username: unitId, password: pw, role: 'unit', unitId })).status).toBe(201);
      expect((await admin.post('/api/accounts', { username: 'dieu-phoi', password: pw, role: 'coordinator' })).status).toBe(201);
      const [desk, phone, other, coordinator] = await Promise.all([
        stack.anonymous.login(A, pw),
        stack.anonymous.login(A, pw),
        stack.anonymous.login(B, pw),
        stack.anonymous.login('dieu-phoi', pw),
      ]);
      expect((await open(undefined)).status).toBe(401);
      const [deskLive, phoneLive, otherLive, staffLive] = await Promise.all([desk, phone, other, coordinator].map((c) => open(c.token)));
      for (const live of [deskLive, phoneLive, otherLive, staffLive]) {
        expect([live.status, live.contentType]).toEqual([200, 'text/event-stream']);
        const ready = await live.next((f) => f.event === 'ready');
        expect(ready).toMatchObject({ data: { unread: 0 }, id: expect.stringMatching(/^\d+$/) });
      }

      step('a launch: each unit hears of its own enrolment only, the coordinator of the campaign');
      const code = `live-${randomUUID().slice(0, 8)}`;
      const def = (await admin.get(`/api/campaign-templates/binh-tan-cchc-2019?launchAt=${new Date().toISOString()}&code=${code}`)).body;
      expect((await admin.post('/api/campaigns', { definition: { ...def, units: [A, B] } })).status).toBe(201);
      const names = (unit: string) => (f: LiveFrame) =>
        f.event === 'change' && (f.data.units ?? []).some(([c, u]) => c === code && u === unit);
      await deskLive.next(names(A));
      await phoneLive.next(names(A));
      await otherLive.next(names(B));
      await staffLive.next((f) => f.event === 'change' && (f.data.campaigns ?? []).includes(code));
      await eventually(
        () => admin.get(`/api/campaigns/${code}`),
        (r) => r.body.status === 'running' && r.body.counts.byPhase['awaiting-registration'] === 2,
      );
      // The phone goes offline here, remembering the last id it saw.
      const lastSeen = [...phoneLive.frames].reverse().find((f) => f.id)!.id!;
      phoneLive.close();
      await phoneLive.ended;

      step('the unit registers and is approved: its inbox count reaches its devices; the other unit hears nothing of it');
      const path = `/api/campaigns/${code}/units/${A}`;
      const fromDesk = deskLive.frames.length;
      const fromOther = otherLive.frames.length;
      expect(
        (
          await desk.post(`${path}/registration`, {
            commitments: 'Cam kết hoàn thành các chỉ tiêu cải cách hành chính.',
            initiatives: [{ title: 'Số hóa hồ sơ', description: 'Số hóa toàn bộ hồ sơ một cửa.' }],
          })
        ).status,
      ).toBe(201);
      expect((await coordinator.post(`${path}/registration/decision`, { decision: 'approve' })).status).toBe(201);
      const counted = await deskLive.next((f) => f.event === 'inbox' && (f.data.unread ?? 0) >= 1, 15_000, fromDesk);
      const inbox = await desk.get('/api/me/notifications');
      expect(counted.data.unread).toBe(inbox.body.unread);
      await deskLive.next(names(A), 15_000, fromDesk);
      expect(otherLive.frames.slice(fromOther).filter((f) => f.event === 'inbox' || names(A)(f))).toEqual([]);

      step('back online with Last-Event-ID: what changed meanwhile comes first, with the unread count');
      const resumed = await open(phone.token, lastSeen);
      expect(await resumed.next((f) => f.event === 'ready')).toMatchObject({ data: { unread: inbox.body.unread } });
      await resumed.next(names(A));

      step('read on one device: the count falls on both');
      const fromResumed = resumed.frames.length;
      const marked = await desk.post(`/api/me/notifications/${encodeURIComponent(inbox.body.items[0].id)}/read`);
      expect(marked.status).toBe(200);
      const after = (await desk.get('/api/me/notifications')).body.unread;
      expect(after).toBe(inbox.body.unread - 1);
      await deskLive.next((f) => f.event === 'inbox' && f.data.unread === after, 15_000, fromDesk);
      await resumed.next((f) => f.event === 'inbox' && f.data.unread === after, 15_000, fromResumed);

      step('the API loses its LISTEN connection: it opens it again, every stream is told to read again, and changes flow');
      const fromStaff = staffLive.frames.length;
      const killed: Array<{ ok: boolean }> = await stack.api
        .get(DataSource)
        .query(
          `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`,
          [`${stack.config.processName}-live`],
        );
      expect(killed).toEqual([{ ok: true }]);
      await staffLive.next((f) => f.event === 'resync', 15_000, fromStaff);
      await staffLive.next((f) => f.event === 'inbox', 15_000, fromStaff); // the count is read again with it
      const fromStaffAfter = staffLive.frames.length;
      const registered = await other.post(`/api/campaigns/${code}/units/${B}/registration`, {
        commitments: 'Cam kết hoàn thành các chỉ tiêu.',
        initiatives: [{ title: 'Tổ dân phố số', description: 'Thông tin tổ dân phố trên ứng dụng.' }],
      });
      expect(registered.status).toBe(201);
      await staffLive.next(names(B), 15_000, fromStaffAfter);

      step('an account disabled: its stream ends at once, with the reason');
      const accounts: Array<{ id: string; username: string }> = (await admin.get('/api/accounts')).body;
      const otherId = accounts.find((a) => a.username === B)!.id;
      expect((await admin.call('PATCH', `/api/accounts/${otherId}`, { disabled: true })).status).toBe(200);
      expect(await otherLive.next((f) => f.event === 'end', 15_000)).toMatchObject({ data: { reason: 'disabled' } });
      await otherLive.ended;

      step('a token that expires ends its stream with the reason');
      const jwt = new JwtService({ secret: stack.config.jwtSecret });
      const short = await jwt.signAsync(
        { sub: accounts.find((a) => a.username === A)!.id, username: A, role: 'unit', unitId: A },
        { expiresIn: 2, algorithm: 'HS256' },
      );
      const expiring = await open(short);
      await expiring.next((f) => f.event === 'ready');
      expect(await expiring.next((f) => f.event === 'end', 15_000)).toMatchObject({ data: { reason: 'expired' } });
      await expiring.ended;
    }),
    180_000,
  );
});
