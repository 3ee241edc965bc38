/** The pool on the real PostgreSQL: its warm connections are open before the first request needs them. */
import { randomUUID } from 'node:crypto';
import { type DataSource } from 'typeorm';
import { createIsolatedDatabase } from '@thidua/testing';
import { createDataSource, initializeWarm } from './data-source';

describe('the connection pool', () => {
  const applicationName = `warm-${randomUUID().slice(0, 8)}`;
  let ds: DataSource;
  const opened = async (): Promise<number> =>
    Number(
      (await ds.query<Array<{ n: string }>>('SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1', [applicationName]))[0]
        ?.n,
    );

  beforeAll(async () => {
    ds = await initializeWarm(
      createDataSource({ url: await createIsolatedDatabase('pool'), poolSize: 8, warmConnections: 3, applicationName }),
    );
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  it('opens its warm connections at start, and grows to its size under a burst, never beyond', async () => {
    expect(await opened()).toBe(3);
    // Twelve statements held open at once on a pool of eight: eight connections, the rest wait their turn
    // (the ones above the warm three close after ten idle seconds, long after this count).
    await Promise.all(Array.from({ length: 12 }, () => ds.query('SELECT pg_sleep(0.05)')));
    expect(await opened()).toBe(8);
  });
});
