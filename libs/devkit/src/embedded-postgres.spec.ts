import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { postgresPasswordFile, startEmbeddedPostgres } from './embedded-postgres';

describe('embedded PostgreSQL credentials', () => {
  const dir = mkdtempSync(join(tmpdir(), 'thi-dua-pg-cred-'));
  chmodSync(dir, 0o755); // the unprivileged "postgres" user must reach its data folder when we run as root
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('uses a random superuser password kept beside the data folder (0600), the same on the next start', async () => {
    const dataDir = join(dir, 'pg');
    const first = await startEmbeddedPostgres({ dataDir });
    const password = decodeURIComponent(new URL(first.url).password);
    try {
      expect(password).not.toBe('postgres');
      expect(password.length).toBeGreaterThanOrEqual(24);
      expect(statSync(postgresPasswordFile(dataDir)).mode & 0o777).toBe(0o600);
      const { port } = new URL(first.url);
      const guess = new Client({ host: '127.0.0.1', port: Number(port), user: 'postgres', password: 'postgres', database: 'postgres' });
      await expect(guess.connect()).rejects.toThrow(/password authentication failed/);
    } finally {
      await first.stop();
    }
    const second = await startEmbeddedPostgres({ dataDir });
    try {
      expect(decodeURIComponent(new URL(second.url).password)).toBe(password);
      const c = new Client({ connectionString: second.url });
      await c.connect();
      expect((await c.query('SELECT 1 AS one')).rows[0].one).toBe(1);
      await c.end();
    } finally {
      await second.stop();
    }
  });
});
