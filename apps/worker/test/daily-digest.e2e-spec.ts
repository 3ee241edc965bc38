/** The coordinator's daily digest: content, idempotency per day, and the Temporal Schedule that runs it. */
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DAILY_DIGEST_SCHEDULE_ID, DAILY_DIGEST_WORKFLOW } from '@thidua/contracts';
import { createDataSource } from '@thidua/persistence';
import { createIsolatedDatabase, testConfig, eventually } from '@thidua/testing';
import { DigestActivitiesService } from '../src/notifications/digest.activities';
import { WorkerModule } from '../src/worker.module';

describe('daily digest', () => {
  let ds: DataSource;
  let dbUrl: string;

  beforeAll(async () => {
    dbUrl = await createIsolatedDatabase('digest');
    ds = await createDataSource({ url: dbUrl, poolSize: 2 }).initialize();
    const definition = { title: 'Thi đua CCHC 2019', issuer: 'Chủ tịch UBND quận', coordinatorEmail: 'noivu@binhtan.example.vn' };
    await ds.query(
      "INSERT INTO campaigns (id, definition, definition_hash, status, units_total) VALUES ('c-run', $1, 'h', 'running', 3), ('c-off', $1, 'h', 'cancelled', 1)",
      [definition],
    );
    const unit = (id: string, name: string, phase: string, overdue: boolean, level: number) =>
      ds.query("INSERT INTO unit_status VALUES ('c-run', $1, $2, $3, $4, $5, 0, 1, '{}', now())", [id, name, phase, overdue, level]);
    await unit('a', 'Phòng Tư pháp', 'awaiting-registration', true, 2);
    await unit('b', 'UBND phường An Lạc', 'registration-returned', true, 1);
    await unit('c', 'Phòng Y tế', 'registration-approved', false, 0);
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  it('sends one digest per running campaign and day, in Vietnamese with the counts', async () => {
    const digest = new DigestActivitiesService(ds);
    expect(await digest.sendDailyDigest({ date: '2019-03-20' })).toEqual({ campaigns: 1, created: 2 });
    expect(await digest.sendDailyDigest({ date: '2019-03-20' })).toEqual({ campaigns: 1, created: 0 });
    const rows = await ds.query<Array<{ channel: string; recipient: string; subject: string; body: string }>>(
      "SELECT channel, recipient, subject, body FROM notifications WHERE kind = 'digest' ORDER BY channel",
    );
    expect(rows.map((r) => [r.channel, r.recipient])).toEqual([
      ['email', 'role:coordinator'],
      ['inbox', 'role:coordinator'],
    ]);
    expect(rows[0].subject).toBe('Tổng hợp ngày 20/03/2019: Thi đua CCHC 2019');
    expect(rows[0].body).toContain(
      '3 đơn vị tham gia; 2 đơn vị quá hạn; 2 đơn vị đã bị báo cáo (trong đó 1 đã báo cáo Chủ tịch UBND quận); 1 đăng ký bị trả lại',
    );
    expect(rows[0].body).toContain('Đơn vị quá hạn: Phòng Tư pháp; UBND phường An Lạc.');
    expect(await digest.sendDailyDigest({ date: '2019-03-21' })).toEqual({ campaigns: 1, created: 2 });
  });

  it('is scheduled at 08:00 Asia/Ho_Chi_Minh and runs when triggered', async () => {
    const taskQueue = `digest-${randomUUID()}`;
    const worker: INestApplicationContext = await NestFactory.createApplicationContext(
      WorkerModule.forRoot(testConfig({ TEMPORAL_TASK_QUEUE: taskQueue, DATABASE_URL: dbUrl })),
      { logger: false },
    );
    await worker.init();
    try {
      const client = worker.get(Client);
      const schedule = client.schedule.getHandle(DAILY_DIGEST_SCHEDULE_ID);
      const described = await schedule.describe();
      expect(described.spec.timezone).toBe('Asia/Ho_Chi_Minh');
      expect(described.spec.calendars?.[0]).toMatchObject({
        hour: [{ start: 8, end: 8, step: 1 }],
        minute: [{ start: 0, end: 0, step: 1 }],
      });
      await schedule.trigger();
      const runs = await eventually(
        async () => {
          const found = [];
          for await (const w of client.workflow.list({
            query: `WorkflowType = "${DAILY_DIGEST_WORKFLOW}" AND TaskQueue = "${taskQueue}" AND ExecutionStatus = "Completed"`,
          }))
            found.push(w);
          return found;
        },
        (found) => found.length >= 1,
      );
      const result = (await client.workflow.getHandle(runs[0].workflowId, runs[0].runId).result()) as { date: string; campaigns: number };
      expect(result.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(result.campaigns).toBe(1);
    } finally {
      await worker.close();
    }
  });
});
