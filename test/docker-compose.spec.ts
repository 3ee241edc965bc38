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
      ['api', 'app-db', 'migrate', 'temporal', 'temporal-db', 'temporal-schema', 'temporal-setup', 'temporal-ui', 'worker'].sort(),
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
});
