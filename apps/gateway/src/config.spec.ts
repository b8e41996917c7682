import { ConfigError, loadConfig } from '@apier/platform';
import { apiKeyPepper, GatewayConfigSchema, TEST_ONLY_API_KEY_PEPPER } from './config';

describe('gateway configuration for API keys', () => {
  const pepper = 'p'.repeat(40);

  it('accepts only test keys by default, with the documented test-only pepper', () => {
    const config = loadConfig(GatewayConfigSchema, {});
    expect(config.APIER_ENVIRONMENT).toBe('test');
    expect(apiKeyPepper(config)).toBe(TEST_ONLY_API_KEY_PEPPER);
    expect(apiKeyPepper(loadConfig(GatewayConfigSchema, { API_KEY_PEPPER: pepper }))).toBe(pepper);
  });

  it('refuses to serve live keys without a real pepper, and never echoes the value', () => {
    for (const env of [
      { APIER_ENVIRONMENT: 'live' },
      { APIER_ENVIRONMENT: 'live', API_KEY_PEPPER: TEST_ONLY_API_KEY_PEPPER },
      { APIER_ENVIRONMENT: 'live', API_KEY_PEPPER: 'short-secret' },
    ]) {
      let error: unknown;
      try {
        loadConfig(GatewayConfigSchema, env);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems[0]).toMatch(/^API_KEY_PEPPER: /);
      expect((error as ConfigError).message).not.toContain('short-secret');
    }
    expect(
      loadConfig(GatewayConfigSchema, { APIER_ENVIRONMENT: 'live', API_KEY_PEPPER: pepper }),
    ).toMatchObject({
      APIER_ENVIRONMENT: 'live',
    });
    expect(() => loadConfig(GatewayConfigSchema, { APIER_ENVIRONMENT: 'prod' })).toThrow(ConfigError);
  });
});
