import { judgeFreshness } from './freshness-policy';

describe('the freshness policy (stale-while-revalidate with a hard maximum age)', () => {
  const policy = { freshMs: 60_000, maxAgeMs: 3_600_000 };
  const now = new Date('2026-11-25T12:00:00Z');
  const aged = (ms: number) => new Date(now.getTime() - ms);

  it.each([
    [0, 'fresh'],
    [59_999, 'fresh'],
    [60_000, 'revalidate'],
    [3_599_999, 'revalidate'],
    [3_600_000, 'expired'],
    [86_400_000, 'expired'],
  ] as const)('a snapshot %i ms old is %s', (age, verdict) => {
    expect(judgeFreshness(aged(age), now, policy)).toBe(verdict);
  });

  it('never serves stale data when the maximum age equals the freshness bound', () => {
    expect(judgeFreshness(aged(60_000), now, { freshMs: 60_000, maxAgeMs: 60_000 })).toBe('expired');
  });

  it('treats a snapshot from the future (a clock ahead) as fresh', () => {
    expect(judgeFreshness(new Date(now.getTime() + 5_000), now, policy)).toBe('fresh');
  });
});
