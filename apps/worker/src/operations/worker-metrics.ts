/**
 * The worker's `/metrics` (Prometheus text) on METRICS_PORT: the product's state read from the projections
 * (units overdue per campaign and level, the outbox, failing streams, launches and fan-outs in progress), what
 * this worker counted (e-mails sent and failed, units told of a change), Node's process metrics, and the Temporal
 * SDK's own metrics (read from its loopback endpoint and served with the rest, so one target holds all).
 */
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type ServiceConfig } from '@thidua/config';
import { checkMetricsToken, productMetrics } from '@thidua/observability';
import { temporalSdkMetricsUrl } from '@thidua/temporal';
import { readOperationsState } from '@thidua/persistence';

export const WORKER_METRICS_REGISTRY = Symbol('WORKER_METRICS_REGISTRY');
export const WORKER_COUNTERS = Symbol('WORKER_COUNTERS');

@Injectable()
export class WorkerMetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerMetricsServer.name);
  private server: Server | undefined;

  constructor(
    @Inject(WORKER_METRICS_REGISTRY) private readonly registry: Registry,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: ServiceConfig,
  ) {}

  /** Where `/metrics` is served (after bootstrap, when METRICS_PORT is set). */
  get url(): string | undefined {
    const address = this.server?.address() as AddressInfo | null | undefined;
    return address ? `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}/metrics` : undefined;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.metricsPort === undefined) return;
    productMetrics(this.registry, () => readOperationsState(this.dataSource));
    const server = createServer((req, res) => {
      if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Không có trang này: chỉ có /metrics\n');
        return;
      }
      if (!checkMetricsToken(this.config.metricsToken, req.headers.authorization)) {
        res.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Cần mã truy cập số liệu vận hành (METRICS_TOKEN)\n');
        return;
      }
      this.render().then(
        (body) => res.writeHead(200, { 'Content-Type': this.registry.contentType, 'Cache-Control': 'no-store' }).end(body),
        (err: unknown) => {
          this.logger.error(`Metrics not rendered: ${String(err)}`);
          res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Không đọc được số liệu vận hành\n');
        },
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.metricsPort, this.config.host, resolve);
    });
    this.server = server;
    this.logger.log(`Metrics on ${this.url}`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async render(): Promise<string> {
    const own = await this.registry.metrics();
    const sdkUrl = temporalSdkMetricsUrl();
    if (!sdkUrl) return own;
    // The SDK's endpoint answering late must not cost the product's metrics: they are served without it.
    const sdk = await fetch(sdkUrl, { signal: AbortSignal.timeout(2000) })
      .then((r) => (r.ok ? r.text() : ''))
      .catch(() => '');
    return `${own}\n${sdk}`;
  }
}
