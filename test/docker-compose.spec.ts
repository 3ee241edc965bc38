/** The compose file cannot run here (no Docker engine), so its structure is checked instead. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SEARCH_ATTRIBUTE_TYPES } from '@thidua/contracts';
import { dynamicConfigValues, TEMPORAL_SERVER_VERSION } from '@thidua/devkit';

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string; target: string };
  depends_on?: Record<string, { condition: string }>;
  environment?: Record<string, string | number>;
  ports?: string[];
}

const root = join(__dirname, '..');
const compose = parse(readFileSync(join(root, 'docker/compose.yaml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
};
const dockerfile = readFileSync(join(root, 'docker/Dockerfile'), 'utf8');

describe('docker/compose.yaml', () => {
  it('describes the production topology', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      [
        'api',
        'app-db',
        'grafana',
        'jaeger',
        'migrate',
        'prometheus',
        'temporal',
        'temporal-db',
        'temporal-schema',
        'temporal-setup',
        'temporal-ui',
        'worker',
      ].sort(),
    );
    expect(compose.services.temporal?.environment).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'temporal-db' });
    expect(compose.services['temporal-ui']?.environment).toMatchObject({ TEMPORAL_ADDRESS: 'temporal:7233' });
  });

  it('builds api, worker and migrate from stages of docker/Dockerfile', () => {
    for (const name of ['api', 'worker', 'migrate']) {
      const build = compose.services[name]?.build;
      expect(build).toBeDefined();
      expect(existsSync(join(root, 'docker', build!.context, build!.dockerfile))).toBe(true);
      expect(dockerfile).toMatch(new RegExp(`^FROM \\S+ AS ${build!.target}$`, 'm'));
    }
  });

  it('only depends on services that exist, and points the apps at the right servers', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const dep of Object.keys(service.depends_on ?? {})) {
        expect({ name, dep, exists: dep in compose.services }).toEqual({ name, dep, exists: true });
      }
    }
    for (const name of ['api', 'worker', 'migrate']) {
      const env = compose.services[name]?.environment ?? {};
      expect(String(env.DATABASE_URL)).toMatch(/@app-db:5432\//);
      expect(env.TEMPORAL_ADDRESS).toBe('temporal:7233');
    }
    expect(compose.services.worker?.depends_on?.migrate?.condition).toBe('service_completed_successfully');
    // The API refuses to start without a token secret; compose refuses to start without one either.
    expect(String(compose.services.api?.environment?.JWT_SECRET)).toMatch(/^\$\{JWT_SECRET:\?/);
  });

  it('gives the Temporal server the dynamic configuration every topology shares', () => {
    const temporal = compose.services.temporal as Service & { volumes?: string[] };
    expect(temporal.volumes).toContain('./dynamicconfig:/etc/temporal/config/dynamicconfig:ro');
    expect(temporal.environment?.DYNAMIC_CONFIG_FILE_PATH).toBe('config/dynamicconfig/temporal.yaml');
    // The file the cluster and the dev server read: one value per key, the raised rate limits among them.
    expect(dynamicConfigValues(join(root, 'docker/dynamicconfig/temporal.yaml'))).toMatchObject({
      'frontend.namespaceRPS': 100000,
      'limit.maxIDLength': 255,
    });
  });

  it('runs the Temporal release cluster mode builds, its schema applied before the server starts', () => {
    const release = TEMPORAL_SERVER_VERSION.replace(/^v/, '');
    expect(compose.services.temporal?.image).toBe(`temporalio/server:${release}`);
    expect(compose.services['temporal-schema']?.image).toBe(`temporalio/admin-tools:${release}`);
    expect(compose.services['temporal-setup']?.image).toBe(`temporalio/admin-tools:${release}`);
    expect(compose.services.temporal?.depends_on?.['temporal-schema']?.condition).toBe('service_completed_successfully');
    // Both databases, each brought to the release's schema; then the namespace before the apps use it.
    const schema = JSON.stringify(compose.services['temporal-schema']);
    for (const db of ['temporal', 'temporal_visibility', 'setup-schema', 'update-schema', '--schema-name postgresql/v12/$$schema'])
      expect(schema).toContain(db);
    expect(JSON.stringify(compose.services['temporal-setup'])).toContain('namespace create --namespace default');
    for (const app of ['api', 'worker'])
      expect(compose.services[app]?.depends_on?.['temporal-setup']?.condition).toBe('service_completed_successfully');
  });

  it('registers every search attribute the workflows use', () => {
    const command = JSON.stringify(compose.services['temporal-setup']);
    for (const [name, type] of Object.entries(SEARCH_ATTRIBUTE_TYPES)) {
      expect(command).toContain(`${name}=${type}`);
    }
  });

  it('gives operators Prometheus over the API, the worker and Temporal, and Grafana with the dashboard mounted', () => {
    const scrape = parse(readFileSync(join(root, 'docker/prometheus/prometheus.yml'), 'utf8')) as {
      scrape_configs: Array<{ static_configs: Array<{ targets: string[] }> }>;
    };
    const targets = scrape.scrape_configs.flatMap((c) => c.static_configs.flatMap((s) => s.targets));
    expect(targets.sort()).toEqual(['api:3000', 'temporal:8000', `worker:${compose.services.worker?.environment?.METRICS_PORT}`].sort());
    expect(compose.services.temporal?.environment?.PROMETHEUS_ENDPOINT).toBe('0.0.0.0:8000');
    const prometheus = compose.services.prometheus as Service & { volumes?: string[] };
    expect(prometheus.volumes).toContain('./prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro');

    const grafana = compose.services.grafana as Service & { volumes?: string[] };
    expect(grafana.volumes).toEqual(
      expect.arrayContaining([
        './grafana/provisioning:/etc/grafana/provisioning:ro',
        './grafana/dashboards:/var/lib/grafana/dashboards:ro',
      ]),
    );
    const provider = parse(readFileSync(join(root, 'docker/grafana/provisioning/dashboards/thi-dua.yaml'), 'utf8')) as {
      providers: Array<{ options: { path: string } }>;
    };
    expect(provider.providers[0].options.path).toBe('/var/lib/grafana/dashboards');
    const datasource = readFileSync(join(root, 'docker/grafana/provisioning/datasources/prometheus.yaml'), 'utf8');
    expect(datasource).toContain('url: http://prometheus:9090');

    // Every series the dashboard asks for is one the code exports (its own, Node's, or the Temporal SDK's).
    const dashboard = JSON.parse(readFileSync(join(root, 'docker/grafana/dashboards/thi-dua.json'), 'utf8')) as {
      panels: Array<{ title: string; targets: Array<{ expr: string }> }>;
    };
    const sources = ['libs/observability/src/metrics.ts'].map((f) => readFileSync(join(root, f), 'utf8')).join('\n');
    for (const panel of dashboard.panels)
      for (const { expr } of panel.targets)
        for (const [series] of expr.matchAll(/\bthidua_[a-z0-9_]+/g)) {
          // Node's process metrics come from prom-client under the registry's prefix; the others are declared by name.
          const exported = /^thidua_(process|nodejs)_/.test(series)
            ? sources.includes("prefix: 'thidua_'")
            : sources.includes(`'${series.replace(/_(bucket|count|sum)$/, '')}'`) || sources.includes(`'${series}'`);
          expect({ panel: panel.title, series, exported }).toEqual({ panel: panel.title, series, exported: true });
        }
    expect(dashboard.panels.length).toBeGreaterThanOrEqual(8);
  });
});
