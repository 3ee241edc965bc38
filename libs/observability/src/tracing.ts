/**
 * OpenTelemetry traces, exported by OTLP (HTTP, protobuf) when `OTEL_EXPORTER_OTLP_ENDPOINT` is set. One
 * submission is one trace: the API's HTTP server span, its SQL, its gRPC call to Temporal (traceparent in the
 * call's metadata, so the Temporal server's own spans join), and through Temporal's headers the workflow's
 * update, its local activity and that activity's SQL in the worker. The SDK is the 1.x line because
 * `@temporalio/interceptors-opentelemetry` 1.24 is built on it; versions are pinned in package.json.
 *
 * Started before the modules it instruments are loaded (`http`'s users, `pg`, `@grpc/grpc-js`): the entry
 * points call {@link startTracing} first and load the application after.
 */
import { trace, type Span } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { GrpcInstrumentation } from '@opentelemetry/instrumentation-grpc';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

/** What the Temporal worker needs to export its workflows' spans (they are made inside the sandbox and handed out by a sink). */
export interface Tracing {
  readonly resource: Resource;
  readonly spanProcessor: SpanProcessor;
  /** Exports what is buffered and stops. */
  shutdown(): Promise<void>;
}

let active: Tracing | undefined;

/** The tracing this process started, if any. */
export function activeTracing(): Tracing | undefined {
  return active;
}

/** Paths whose requests are not traced: probes and scrapes, many a minute, say nothing about a user's request. */
const UNTRACED = new Set(['/health', '/ready', '/metrics']);

/** Starts tracing for this process as `serviceName` (thidua-api, thidua-worker), or does nothing without an endpoint. */
export function startTracing(serviceName: string, endpoint: string | undefined): Tracing | undefined {
  if (!endpoint) return undefined;
  if (active) return active;
  const resource = new Resource({ [ATTR_SERVICE_NAME]: serviceName });
  const exporter = new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, '')}/v1/traces` });
  const spanProcessor = new BatchSpanProcessor(exporter, { scheduledDelayMillis: 1000, maxQueueSize: 8192 });
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor] });
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => UNTRACED.has((req.url ?? '').split('?')[0]),
        // Outgoing HTTP of this process is the exporter's own, and mail or S3 calls traced by their callers' spans.
        ignoreOutgoingRequestHook: () => true,
      }),
      new GrpcInstrumentation(),
      new PgInstrumentation({ requireParentSpan: true, enhancedDatabaseReporting: false }),
    ],
  });
  active = {
    resource,
    spanProcessor,
    shutdown: async () => {
      await provider.shutdown();
      active = undefined;
    },
  };
  return active;
}

/** Names the current HTTP server span after the route that answered (`POST /api/campaigns/:id/units/:unitId/reports`). */
export function nameHttpSpan(method: string, route: string): void {
  const span: Span | undefined = trace.getActiveSpan();
  span?.updateName(`${method} ${route}`);
}
