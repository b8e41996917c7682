import { InfrastructureConfigSchema } from './infrastructure-config';
import { ConfigError, loadConfig } from './load-config';

describe('configuration from the environment', () => {
  it('fills in defaults that point at the local services', () => {
    expect(loadConfig(InfrastructureConfigSchema, {})).toMatchObject({
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/apier',
      DATABASE_SCHEMA: 'public',
      REDIS_URL: 'redis://127.0.0.1:6379',
      NATS_URL: 'nats://127.0.0.1:4222',
      NATS_SUBJECT_PREFIX: '',
      NATS_REQUEST_TIMEOUT_MS: 5000,
      LOG_LEVEL: 'info',
    });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig(InfrastructureConfigSchema, { NATS_URL: '', LOG_LEVEL: '' })).toMatchObject({
      NATS_URL: 'nats://127.0.0.1:4222',
      LOG_LEVEL: 'info',
    });
  });

  it('lists every invalid variable in one clear error', () => {
    let error: unknown;
    try {
      loadConfig(InfrastructureConfigSchema, {
        DATABASE_URL: 'mysql://x',
        NATS_REQUEST_TIMEOUT_MS: 'soon',
        DATABASE_SCHEMA: 'Bad-Name',
        LOG_LEVEL: 'loud',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    expect(problems.map((p) => p.split(':')[0])).toEqual(
      expect.arrayContaining(['DATABASE_URL', 'NATS_REQUEST_TIMEOUT_MS', 'DATABASE_SCHEMA', 'LOG_LEVEL']),
    );
    expect(message).toMatch(/^Invalid configuration:\n {2}- /);
  });

  it('accepts a subject prefix only as a lower-case token with a trailing dot', () => {
    expect(loadConfig(InfrastructureConfigSchema, { NATS_SUBJECT_PREFIX: 'run1.' }).NATS_SUBJECT_PREFIX).toBe(
      'run1.',
    );
    expect(() => loadConfig(InfrastructureConfigSchema, { NATS_SUBJECT_PREFIX: 'run1' })).toThrow(
      ConfigError,
    );
  });
});
