import { ConfigError, loadConfig } from '@apier/platform';
import { FilingConfigSchema } from '../config';

const LIVE_KEYS = { RECEIPT_SIGNING_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}` };

describe('the test-only crash hook setting', () => {
  it('is accepted in a test environment for every pipeline point', () => {
    for (const point of ['create_instance:unpersisted', 'complete_process:first_move', 'receipt']) {
      expect(loadConfig(FilingConfigSchema, { FILING_CRASH_AFTER_STEP: point }).FILING_CRASH_AFTER_STEP).toBe(
        point,
      );
    }
    expect(
      loadConfig(FilingConfigSchema, { FILING_CRASH_AFTER_STEP: '' }).FILING_CRASH_AFTER_STEP,
    ).toBeUndefined();
  });

  it('refuses a point the pipeline does not have', () => {
    expect(() => loadConfig(FilingConfigSchema, { FILING_CRASH_AFTER_STEP: 'everywhere' })).toThrow(
      ConfigError,
    );
  });

  it('refuses to start a live service with it', () => {
    expect(() =>
      loadConfig(FilingConfigSchema, {
        APIER_ENVIRONMENT: 'live',
        FILING_CRASH_AFTER_STEP: 'token',
        ...LIVE_KEYS,
      }),
    ).toThrow(/FILING_CRASH_AFTER_STEP: the crash hook exists for tests only/);
    expect(
      loadConfig(FilingConfigSchema, { APIER_ENVIRONMENT: 'live', ...LIVE_KEYS }).FILING_CRASH_AFTER_STEP,
    ).toBeUndefined();
  });
});
