import {
  ALTINN2_SHUTDOWN,
  daysBetween,
  LEGACY_ROLES_REMOVED,
  MigrationDeadlinesSchema,
  migrationDeadlines,
} from './migration-deadlines';

describe('Altinn 2 migration deadlines', () => {
  it('fixes the two dates', () => {
    expect(ALTINN2_SHUTDOWN).toBe('2026-06-19');
    expect(LEGACY_ROLES_REMOVED).toBe('2027-01-01');
  });

  it.each([
    // today,                   days since shutdown, shut down, days left, roles removed
    ['2026-06-18T12:00:00Z', 0, false, 197, false],
    ['2026-06-19T00:00:00Z', 0, true, 196, false],
    ['2026-11-25T09:30:00Z', 159, true, 37, false],
    ['2026-12-31T00:00:00Z', 195, true, 1, false],
    ['2026-12-31T23:59:59Z', 195, true, 1, false],
    ['2027-01-01T00:00:00Z', 196, true, 0, true],
    ['2027-03-01T08:00:00Z', 255, true, 0, true],
  ])('on %s: %i days since shutdown, %i days left', (today, daysSince, shutDown, daysLeft, removed) => {
    const deadlines = migrationDeadlines(new Date(today));
    expect(deadlines).toEqual({
      as_of: today.slice(0, 10),
      altinn2_shutdown: { date: '2026-06-19', days_since: daysSince, passed: shutDown },
      legacy_roles_removed: { date: '2027-01-01', days_left: daysLeft, passed: removed },
    });
    expect(MigrationDeadlinesSchema.parse(deadlines)).toEqual(deadlines);
  });

  it('counts UTC calendar days, so an Oslo evening is still the same UTC date', () => {
    // 23:30 in Oslo on 31 December is 22:30 UTC: still one day left.
    expect(migrationDeadlines(new Date('2026-12-31T23:30:00+01:00')).legacy_roles_removed.days_left).toBe(1);
  });

  it('counts whole days across the year boundary', () => {
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2027-01-01', '2026-12-31')).toBe(-1);
    expect(daysBetween('2026-06-19', '2027-06-19')).toBe(365);
  });

  it('refuses an invalid date instead of answering NaN', () => {
    expect(() => migrationDeadlines(new Date('not a date'))).toThrow(RangeError);
  });
});
