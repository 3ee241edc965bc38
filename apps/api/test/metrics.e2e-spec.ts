/**
 * What operators scrape, during a compressed campaign on the real servers (PostgreSQL, Temporal, a real SMTP
 * server): the worker's /metrics shows a unit going overdue and escalated (the gauge rises) and back once it
 * registers late (it falls), and its e-mails delivered (the counter moves), with the Temporal SDK's own metrics
 * beside; the API's /metrics times each answer by route; METRICS_TOKEN closes both.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { eventually, launchCompressed, scrape, startApiStack, sumOf, type ApiStack, type Sample } from '@thidua/testing';
import { WorkerMetricsServer } from '../../worker/src/operations/worker-metrics';

const SECOND = 1000;
const TOKEN = 'ma-so-lieu-van-hanh-thu-nghiem';

describe('metrics during a compressed campaign', () => {
  let stack: ApiStack;
  let smtp: SMTPServer;
  const delivered: string[] = [];

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        stream.resume();
        stream.on('end', () => {
          delivered.push(session.envelope.rcptTo.map((r) => r.address).join(','));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const smtpPort = (smtp.server.address() as AddressInfo).port;
    stack = await startApiStack('metrics', { METRICS_PORT: '0', METRICS_TOKEN: TOKEN, SMTP_URL: `smtp://127.0.0.1:${smtpPort}` });
  });
  afterAll(async () => {
    await stack?.close();
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  });

  it('shows a unit overdue, escalated and back, its e-mails sent, and the API timed by route', async () => {
    const { admin } = stack;
    const workerMetrics = stack.worker!.get(WorkerMetricsServer).url!;
    const worker = (): Promise<Sample[]> => scrape(workerMetrics, TOKEN);

    expect((await fetch(workerMetrics)).status).toBe(401);
    expect((await fetch(`${await stack.api.getUrl()}/metrics`)).status).toBe(401);
    const before = await worker();
    expect(sumOf(before, 'thidua_notifications_sent_total', { channel: 'email' })).toBe(0);
    expect(before.some((s) => s.name === 'thidua_process_cpu_seconds_total')).toBe(true);

    for (const [id, email] of [
      ['phong-noi-vu', 'noi-vu@binhtan.example.vn'],
      ['phong-tre', 'phong-tre@binhtan.example.vn'],
    ])
      expect((await admin.post('/api/units', { id, name: `Đơn vị ${id}`, kind: 'agency', headEmail: email })).status).toBe(201);
    const password = 'mat-khau-don-vi-2026';
    expect((await admin.post('/api/accounts', { username: 'phong-tre', password, role: 'unit', unitId: 'phong-tre' })).status).toBe(201);

    const code = await launchCompressed(admin, 'metrics', ['phong-noi-vu', 'phong-tre'], {
      launchAt: 0,
      registrationDue: 6,
      registrationCutoffAt: 60,
      interimReviewAt: 61,
      campaignEndsAt: 62,
      finalReportDue: 70,
      finalReportCutoffAt: 72,
    });

    // Nobody registers by the deadline: both units go overdue, and are escalated.
    const overdue = (samples: Sample[]): number => sumOf(samples, 'thidua_units_overdue', { campaign: code });
    const escalated = await eventually(
      worker,
      (s) => overdue(s) === 2 && sumOf(s, 'thidua_units_overdue', { campaign: code, level: '0' }) === 0,
      40 * SECOND,
    );
    expect(overdue(escalated)).toBe(2);
    // The reminders and escalations went out by e-mail, through the SMTP server.
    const sent = await eventually(worker, (s) => sumOf(s, 'thidua_notifications_sent_total', { channel: 'email' }) > 0, 30 * SECOND);
    expect(sumOf(sent, 'thidua_notifications_sent_total', { channel: 'email' })).toBeLessThanOrEqual(delivered.length);
    expect(delivered.join(',')).toContain('phong-tre@binhtan.example.vn');
    // The Temporal SDK's own metrics are served beside the product's (the in-process test worker has none: the entry point installs them).

    // One unit registers late: the gauge falls to the one still silent.
    const unit = await stack.anonymous.login('phong-tre', password);
    const late = await unit.post(`/api/campaigns/${code}/units/phong-tre/registration`, {
      commitments: 'Đơn vị cam kết hoàn thành các chỉ tiêu cải cách hành chính.',
      initiatives: [{ title: 'Một cửa điện tử', description: 'Tiếp nhận hồ sơ trực tuyến' }],
    });
    expect(late.status).toBe(201);
    const fallen = await eventually(worker, (s) => overdue(s) === 1, 30 * SECOND);
    expect(sumOf(fallen, 'thidua_units_overdue', { campaign: code })).toBe(1);
    expect(sumOf(fallen, 'thidua_notifications', { status: 'failed' })).toBe(0);

    // The API timed the registration under its route, not its path.
    const api = await scrape(`${await stack.api.getUrl()}/metrics`, TOKEN);
    const route = '/api/campaigns/:id/units/:unitId/registration';
    expect(sumOf(api, 'thidua_http_request_duration_seconds_count', { method: 'POST', route, status: '201' })).toBe(1);
    expect(api.some((s) => s.labels.route?.includes(code))).toBe(false);
  });
});
