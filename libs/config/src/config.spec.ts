import { ConfigError, configOrExit, loadConfig, loadDatabaseConfig, loadServiceConfig } from './config';

describe('loadConfig', () => {
  it('applies defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.temporalAddress).toBeUndefined();
    expect(config.taskQueue).toBe('thi-dua');
    expect(config.temporalNamespace).toBe('default');
  });

  it('reads valid values', () => {
    const config = loadConfig({ PORT: '8080', TEMPORAL_ADDRESS: 'temporal:7233', DATABASE_URL: 'postgres://u:p@db:5432/x' });
    expect(config).toMatchObject({ port: 8080, temporalAddress: 'temporal:7233', databaseUrl: 'postgres://u:p@db:5432/x' });
  });

  it('names every bad variable in one error', () => {
    const attempt = (): unknown => loadConfig({ PORT: 'abc', TEMPORAL_ADDRESS: 'nonsense', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (err) {
      const problems = (err as ConfigError).problems;
      expect(problems).toHaveLength(4);
      expect(problems.join('\n')).toMatch(/PORT="abc"/);
      expect(problems.join('\n')).toMatch(/TEMPORAL_ADDRESS="nonsense"/);
      expect(problems.join('\n')).toMatch(/DATABASE_URL must use/);
      expect(problems.join('\n')).toMatch(/LOG_LEVEL="loud"/);
    }
  });

  it('rejects out-of-range ports', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT="70000" must be a port number/);
    expect(() => loadConfig({ TEMPORAL_ADDRESS: 'localhost:0' })).toThrow(/TEMPORAL_ADDRESS/);
  });

  it('requires DATABASE_URL for database commands', () => {
    expect(() => loadDatabaseConfig({})).toThrow(/DATABASE_URL must be set/);
    expect(loadDatabaseConfig({ DATABASE_URL: 'postgres://u:p@h:5432/d' }).databaseUrl).toBe('postgres://u:p@h:5432/d');
  });

  it('requires both server addresses for a service process', () => {
    expect(() => loadServiceConfig({})).toThrow(/DATABASE_URL must be set.*TEMPORAL_ADDRESS must be set/);
  });
});

describe('configOrExit', () => {
  it('prints one line and exits non-zero on a bad variable', () => {
    const exit = jest.spyOn(process, 'exit').mockImplementation(((code?: number) => {
      throw new Error(`exit ${code}`);
    }) as never);
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(() => configOrExit(() => loadConfig({ PORT: 'abc' }))).toThrow('exit 1');
      expect(write).toHaveBeenCalledTimes(1);
      const line = String(write.mock.calls[0]?.[0]);
      expect(line.trim().split('\n')).toHaveLength(1);
      expect(line).toContain('PORT="abc"');
    } finally {
      exit.mockRestore();
      write.mockRestore();
    }
  });
});
