/** E-mail delivery of the outbox against a real SMTP server (smtp-server) and the real PostgreSQL. */
import { createTransport } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import { createDataSource, insertNotifications } from '@thidua/persistence';
import { createIsolatedDatabase, testConfig } from '@thidua/testing';
import { mailBackoffSeconds, MailDeliveryService } from '../src/notifications/mail-delivery.service';

interface Received {
  to: string;
  raw: string;
}

describe('e-mail delivery over SMTP', () => {
  let ds: DataSource;
  let server: SMTPServer;
  let port: number;
  const received: Received[] = [];
  let rejectNext = 0;

  beforeAll(async () => {
    ds = await createDataSource({ url: await createIsolatedDatabase('mail'), poolSize: 2 }).initialize();
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(_address, _session, callback) {
        if (rejectNext > 0) {
          rejectNext--;
          callback(Object.assign(new Error('Mailbox busy'), { responseCode: 450 }));
          return;
        }
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw: Buffer.concat(chunks).toString('utf8') });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await ds?.destroy();
  });

  const service = (): MailDeliveryService => new MailDeliveryService(ds, testConfig({ SMTP_URL: `smtp://127.0.0.1:${port}` }));
  const transport = () => createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  const draft = (id: string, address: string) => ({
    id,
    eventId: id,
    recipient: 'unit:phong-tu-phap',
    channel: 'email' as const,
    address,
    kind: 'reminder' as const,
    subject: 'Nhắc nhở đăng ký thi đua: Phòng Tư pháp',
    body: 'Kính gửi Phòng Tư pháp: hạn đăng ký thi đua là 15/03/2019 00:00 (còn 3 ngày).',
  });

  it('sends each outbox row once, in Vietnamese, and never again', async () => {
    await ds.transaction((m) =>
      insertNotifications(m, 'c1', 'phong-tu-phap', [draft('e1', 'a@binhtan.example.vn'), draft('e2', 'b@binhtan.example.vn')]),
    );
    const t = transport();
    expect(await service().deliverDue(20, t)).toBe(2);
    expect(await service().deliverDue(20, t)).toBe(0);
    expect(received.map((r) => r.to).sort()).toEqual(['a@binhtan.example.vn', 'b@binhtan.example.vn']);
    const decoded = received.map((r) => r.raw).join('\n');
    expect(decoded).toMatch(/Message-ID: <e1@thi-dua>/i);
    expect(decoded).toContain('=?UTF-8?'); // the Vietnamese subject is encoded, not mangled
    const rows = await ds.query<Array<{ status: string; attempts: number }>>(
      "SELECT status, attempts FROM notifications WHERE id IN ('e1','e2')",
    );
    expect(rows).toEqual([
      { status: 'sent', attempts: 1 },
      { status: 'sent', attempts: 1 },
    ]);
    t.close();
  });

  it('retries a failed delivery with backoff', async () => {
    received.length = 0;
    rejectNext = 1;
    await ds.transaction((m) => insertNotifications(m, 'c1', 'phong-tu-phap', [draft('e3', 'c@binhtan.example.vn')]));
    const t = transport();
    expect(await service().deliverDue(20, t)).toBe(0);
    const [failed] = await ds.query<Array<{ status: string; attempts: number; wait: number; last_error: string }>>(
      "SELECT status, attempts, EXTRACT(EPOCH FROM next_attempt_at - now())::float AS wait, last_error FROM notifications WHERE id = 'e3'",
    );
    expect(failed).toMatchObject({ status: 'pending', attempts: 1 });
    expect(failed.wait).toBeGreaterThan(mailBackoffSeconds(1) - 2);
    expect(failed.last_error).toMatch(/Mailbox busy/);
    expect(await service().deliverDue(20, t)).toBe(0); // not due yet: nothing sent early

    await ds.query("UPDATE notifications SET next_attempt_at = now() WHERE id = 'e3'"); // the backoff has elapsed
    expect(await service().deliverDue(20, t)).toBe(1);
    expect(received.map((r) => r.to)).toEqual(['c@binhtan.example.vn']);
    t.close();
  });

  it('writes from the address of the organisation that runs the campaign, when it set one', async () => {
    received.length = 0;
    await ds.query(`INSERT INTO organisations (id, parent_id, kind, name, settings) VALUES ('phuong-an', 'root', 'ward', 'Phường An',
      '{"mailFrom": "Phường An <thidua@phuongan.example.vn>"}')`);
    await ds.query(
      `INSERT INTO campaigns (id, definition, definition_hash, units_total, version, org_id) VALUES ('c2', '{}', 'h', 1, 1, 'phuong-an')`,
    );
    await ds.transaction((m) => insertNotifications(m, 'c2', 'phong-tu-phap', [draft('e4', 'd@binhtan.example.vn')]));
    const t = transport();
    expect(await service().deliverDue(20, t)).toBe(1);
    expect(received[0].raw).toMatch(/^From: .*<thidua@phuongan\.example\.vn>/m);
    t.close();
  });

  it('grows the backoff exponentially up to an hour', () => {
    expect([1, 2, 3, 4].map(mailBackoffSeconds)).toEqual([10, 20, 40, 80]);
    expect(mailBackoffSeconds(20)).toBe(3600);
  });
});
