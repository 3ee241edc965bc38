/**
 * Prometheus metrics (prom-client 15, pinned: the Prometheus text format and Node's process metrics without a
 * collector of our own). Each process owns one registry, labelled with its name, so the API and a worker running
 * in one process (the tests) keep their series apart.
 */
import { timingSafeEqual } from 'node:crypto';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { OperationsState } from '@thidua/persistence';

/** A process's registry, with Node's own metrics (CPU, memory, event-loop lag, GC) under `thidua_process_` and `thidua_nodejs_`. */
export function createMetricsRegistry(processName: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ process: processName });
  collectDefaultMetrics({ register: registry, prefix: 'thidua_' });
  return registry;
}

/** Seconds, from a millisecond to a minute: an HTTP answer, a store append, a Temporal update. */
const LATENCY_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/** The latency of HTTP answers by route (the route's pattern, never the raw path), method and status. */
export function httpMetrics(registry: Registry): Histogram<'method' | 'route' | 'status'> {
  return new Histogram({
    name: 'thidua_http_request_duration_seconds',
    help: 'Thời gian trả lời yêu cầu HTTP (giây), theo đường dẫn mẫu, phương thức và mã trạng thái. HTTP answer latency.',
    labelNames: ['method', 'route', 'status'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
}

/** What the worker counts as it works: e-mails delivered and failed, fan-out pages stored. */
export interface WorkerCounters {
  readonly notificationsSent: Counter<'channel'>;
  readonly notificationsFailed: Counter<'channel' | 'final'>;
  readonly fanOutUnits: Counter<'signal'>;
}

export function workerCounters(registry: Registry): WorkerCounters {
  return {
    notificationsSent: new Counter({
      name: 'thidua_notifications_sent_total',
      help: 'Thông báo đã gửi đi (e-mail được máy chủ SMTP nhận). Notifications delivered.',
      labelNames: ['channel'],
      registers: [registry],
    }),
    notificationsFailed: new Counter({
      name: 'thidua_notifications_failed_total',
      help: 'Lần gửi thông báo thất bại; final="true": đã thôi thử lại. Failed delivery attempts.',
      labelNames: ['channel', 'final'],
      registers: [registry],
    }),
    fanOutUnits: new Counter({
      name: 'thidua_fan_out_units_total',
      help: 'Đơn vị đã được báo thay đổi của đợt (dời mốc, hủy, đổi lịch). Units told of a campaign change.',
      labelNames: ['signal'],
      registers: [registry],
    }),
  };
}

/**
 * The state of the product, read from PostgreSQL's projections once per scrape (`read`, one round trip): units
 * overdue per campaign and escalation level, the e-mail outbox, streams whose appends keep failing, launches and
 * fan-outs in progress. Every process that registers them reports the same values: take `max` across instances.
 */
export function productMetrics(registry: Registry, read: () => Promise<OperationsState>): void {
  // prom-client collects every metric of a scrape at once: they share one read.
  let current: { at: number; state: Promise<OperationsState> } | undefined;
  const state = (): Promise<OperationsState> => {
    if (!current || Date.now() - current.at > 1000) current = { at: Date.now(), state: read() };
    return current.state;
  };
  const gauge = <L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    fill: (g: Gauge<L>, s: OperationsState) => void,
  ): void => {
    new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        const s = await state();
        this.reset();
        fill(this, s);
      },
    });
  };
  gauge(
    'thidua_units_overdue',
    'Đơn vị đang quá hạn, theo đợt và cấp nhắc (0: chưa báo cấp trên; 1: đã báo trưởng đơn vị và cán bộ thi đua; 2: đã báo cơ quan ban hành). Units overdue.',
    ['campaign', 'level'],
    (g, s) => {
      for (const o of s.overdue) g.set({ campaign: o.campaignId, level: String(o.level) }, o.units);
    },
  );
  gauge(
    'thidua_notifications',
    'E-mail trong hộp thư đi chưa xong: pending chờ gửi, failed đã thôi thử lại. Outbox e-mails not done.',
    ['status'],
    (g, s) => {
      g.set({ status: 'pending' }, s.outbox.pending);
      g.set({ status: 'failed' }, s.outbox.failed);
    },
  );
  gauge('thidua_outbox_oldest_pending_seconds', 'Tuổi của e-mail chờ gửi lâu nhất (giây). Age of the oldest pending e-mail.', [], (g, s) =>
    g.set(s.outbox.oldestPendingSeconds),
  );
  gauge(
    'thidua_streams_failing',
    'Luồng sự kiện ghi thất bại lặp lại: đơn vị bị kẹt (xem npm run ops -- stuck). Streams whose appends keep failing.',
    [],
    (g, s) => g.set(s.failingStreams),
  );
  gauge(
    'thidua_campaign_work_in_progress',
    'Đợt đang khởi động (launch) hoặc đang báo thay đổi tới các đơn vị (fan-out). Launches and fan-outs in progress.',
    ['kind'],
    (g, s) => {
      g.set({ kind: 'launch' }, s.launching);
      g.set({ kind: 'fan-out' }, s.fanningOut);
    },
  );
}

/** Whether a scrape may read the metrics: always without a token configured, else with `Bearer <token>` (compared in constant time). */
export function checkMetricsToken(token: string | undefined, authorization: string | undefined): boolean {
  if (token === undefined) return true;
  const given = Buffer.from(authorization ?? '', 'utf8');
  const expected = Buffer.from(`Bearer ${token}`, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
