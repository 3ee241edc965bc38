/**
 * One submission is one trace, across processes, found in a real receiver: Jaeger (built from the Go module
 * proxy, pinned) receives OTLP from the API and the worker (each its own process, as deployed) and from the
 * Temporal server on PostgreSQL; the caller (standing for a gateway or the console) opens the trace with its own
 * span and a W3C traceparent. A unit's final report is submitted; Jaeger's query API then holds one trace with
 * spans of all four processes: the caller, the API (its HTTP span, the SQL that stores the report, the signal to
 * the unit's workflow), the Temporal server (its gRPC handling), the worker (the workflow adopting the events).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { SpanKind } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { Resource } from '@opentelemetry/resources';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { freePort, REPO_ROOT, startJaeger, startTemporalCluster, stopChild, waitFor, type RunningJaeger } from '@thidua/devkit';
import type { RunningTemporal } from '@thidua/devkit';
import { ApiClient, createIsolatedDatabase, eventually, launchCompressed, scrape } from '@thidua/testing';

const SECOND = 1000;

interface JaegerSpan {
  readonly spanID: string;
  readonly operationName: string;
  readonly processID: string;
  readonly tags: ReadonlyArray<{ key: string; value: unknown }>;
}
interface JaegerTrace {
  readonly traceID: string;
  readonly spans: readonly JaegerSpan[];
  readonly processes: Readonly<Record<string, { serviceName: string }>>;
}

describe('one submission, one trace across the API, Temporal and the worker', () => {
  const dir = mkdtempSync(join(tmpdir(), 'thidua-traces-'));
  let jaeger: RunningJaeger;
  let temporal: RunningTemporal;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    jaeger = await startJaeger({ dir: join(dir, 'jaeger') });
    temporal = await startTemporalCluster({
      postgresUrl: process.env.DATABASE_URL!,
      dir: join(dir, 'temporal'),
      databasePrefix: `temporal_traces_${Date.now()}`,
      retentionDays: 1,
      otlpTracesGrpc: jaeger.otlpGrpcAddress,
    });
  }, 600_000);
  afterAll(async () => {
    await Promise.all(children.map((c) => stopChild(c, 10_000)));
    await temporal?.stop();
    await jaeger?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const start = (main: string, env: Record<string, string>): ChildProcess => {
    const child = spawn(process.execPath, ['-r', join(REPO_ROOT, 'test/swc-register.js'), join(REPO_ROOT, main)], {
      env: { ...process.env, ...env, OTEL_EXPORTER_OTLP_ENDPOINT: jaeger.otlpHttpEndpoint, DIGEST_CRON: '', WORKFLOW_BUNDLE_PATH: '' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(child);
    return child;
  };

  it('finds the final report in Jaeger with spans from the caller, the API, the Temporal server and the worker', async () => {
    const databaseUrl = await createIsolatedDatabase('traces');
    const taskQueue = `traces-${randomUUID()}`;
    const [port, metricsPort] = [await freePort(), await freePort()];
    const common = { DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: temporal.address, TEMPORAL_TASK_QUEUE: taskQueue };
    start('apps/worker/src/main.ts', { ...common, PROCESS_NAME: 'worker', METRICS_PORT: String(metricsPort), HOST: '127.0.0.1' });
    start('apps/api/src/main.ts', {
      ...common,
      PROCESS_NAME: 'api',
      PORT: String(port),
      HOST: '127.0.0.1',
      ADMIN_USERNAME: 'quan-tri',
      ADMIN_PASSWORD: 'mat-khau-quan-tri-2026',
    });
    const base = `http://127.0.0.1:${port}`;
    await waitFor('the API', async () => (await fetch(`${base}/ready`)).ok, 120 * SECOND, 200);
    // The worker bundles its workflows with the tracing interceptors at start; its metrics answer once it is up.
    await waitFor('the worker', async () => (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).ok, 180 * SECOND, 500);

    const admin = await new ApiClient(base).login('quan-tri', 'mat-khau-quan-tri-2026');
    const unitId = 'phong-tu-phap';
    const password = 'mat-khau-don-vi-2026';
    expect((await admin.post('/api/units', { id: unitId, name: 'Phòng Tư pháp', kind: 'agency' })).status).toBe(201);
    expect((await admin.post('/api/accounts', { username: unitId, password, role: 'unit', unitId })).status).toBe(201);
    expect((await admin.post('/api/accounts', { username: 'can-bo', password, role: 'coordinator' })).status).toBe(201);
    const code = await launchCompressed(admin, 'traces', [unitId], {
      launchAt: 0,
      registrationDue: 20,
      registrationCutoffAt: 21,
      interimReviewAt: 22,
      campaignEndsAt: 23,
      finalReportDue: 120,
      finalReportCutoffAt: 130,
    });
    const unit = await admin.login(unitId, password);
    const coordinator = await admin.login('can-bo', password);
    const path = `/api/campaigns/${code}/units/${unitId}`;
    await eventually(
      () => unit.get('/api/me/tasks'),
      (r) => r.body[0]?.kind === 'registration',
      60 * SECOND,
    );
    const registration = { commitments: 'Cam kết hoàn thành chỉ tiêu.', initiatives: [{ title: 'Một cửa', description: 'Trực tuyến' }] };
    expect((await unit.post(`${path}/registration`, registration)).status).toBe(201);
    expect((await coordinator.post(`${path}/registration/decision`, { decision: 'approve' })).status).toBe(201);
    await eventually(
      () => unit.get('/api/me/tasks'),
      (r) => r.body[0]?.kind === 'final-report',
      60 * SECOND,
    );

    // The caller's own span opens the trace, as a gateway would, and hands it on in a W3C traceparent.
    const caller = new BasicTracerProvider({
      resource: new Resource({ 'service.name': 'thidua-test-caller' }),
      spanProcessors: [new SimpleSpanProcessor(new OTLPTraceExporter({ url: `${jaeger.otlpHttpEndpoint}/v1/traces` }))],
    });
    const span = caller.getTracer('traces-test').startSpan('gửi báo cáo cuối đợt', { kind: SpanKind.CLIENT });
    const { traceId, spanId } = span.spanContext();
    const values = { 'hai-long-tthc': 92, 'ho-so-dung-hen': 99.2, 'dvc-muc-do-3-4': 35, 'tra-loi-phan-anh': 24 };
    const report = await unit.post(
      `${path}/final-report`,
      { summary: 'Hoàn thành toàn bộ chỉ tiêu.', values },
      {
        traceparent: `00-${traceId}-${spanId}-01`,
      },
    );
    span.end();
    await caller.shutdown();
    expect(report.status).toBe(201);

    // Spans reach Jaeger in batches (about a second in each process): poll its query API for the whole trace.
    const services = (t: JaegerTrace, s: JaegerSpan): string => t.processes[s.processID]?.serviceName ?? '';
    const tag = (s: JaegerSpan, key: string): unknown => s.tags.find((t) => t.key === key)?.value;
    const complete = (t: JaegerTrace | undefined): boolean => {
      if (!t) return false;
      const of = (service: (name: string) => boolean) => t.spans.filter((s) => service(services(t, s)));
      const worker = of((n) => n === 'thidua-worker');
      return (
        of((n) => n === 'thidua-test-caller').length > 0 &&
        of((n) => n === 'thidua-api').some(
          (s) => tag(s, 'db.system') === 'postgresql' && /INSERT INTO events/.test(String(tag(s, 'db.statement'))),
        ) &&
        of((n) => n === 'io.temporal.frontend').some((s) => /WorkflowService\/SignalWorkflowExecution/.test(s.operationName)) &&
        of((n) => n === 'io.temporal.history').length > 0 &&
        worker.some((s) => s.operationName === 'HandleSignal:unitEventsStored')
      );
    };
    const trace = await eventually(
      async () => {
        const res = await fetch(`${jaeger.queryUrl}/api/traces/${traceId}`);
        return res.ok ? ((await res.json()) as { data: JaegerTrace[] }).data[0] : undefined;
      },
      complete,
      60 * SECOND,
    );
    const names = new Set(trace!.spans.map((s) => services(trace!, s)));
    expect([...names].filter((n) => n.startsWith('thidua-')).sort()).toEqual(['thidua-api', 'thidua-test-caller', 'thidua-worker']);
    expect([...names]).toEqual(expect.arrayContaining(['io.temporal.frontend', 'io.temporal.history']));
    // The API stored the report itself, then signalled the unit's workflow over gRPC within the request, its
    // traceparent in the call's metadata; the workflow adopted the events in the worker, in the same trace.
    expect(trace!.spans.some((s) => services(trace!, s) === 'thidua-api' && /SignalWorkflowExecution/.test(s.operationName))).toBe(true);
    // The API's HTTP span is named after its route, and is the caller's child.
    const http = trace!.spans.find((s) => services(trace!, s) === 'thidua-api' && s.operationName.startsWith('POST /api/'));
    expect(http?.operationName).toBe('POST /api/campaigns/:id/units/:unitId/final-report');

    // The worker's /metrics holds the Temporal SDK's own metrics beside the product's.
    const metrics = await scrape(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(metrics.some((s) => s.name.startsWith('temporal_workflow_task'))).toBe(true);
    expect(metrics.some((s) => s.name === 'thidua_units_overdue' || s.name === 'thidua_notifications')).toBe(true);
  }, 600_000);
});
