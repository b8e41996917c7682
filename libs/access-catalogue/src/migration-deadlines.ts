import { z } from 'zod';

/** Altinn 2 was switched off on this day. */
export const ALTINN2_SHUTDOWN = '2026-06-19';
/** Altinn 2 roles that were imported into Altinn 3 stop working from this day. */
export const LEGACY_ROLES_REMOVED = '2027-01-01';

const MS_PER_DAY = 86_400_000;

export const MigrationDeadlinesSchema = z
  .object({
    as_of: z.iso.date().meta({ description: 'The UTC calendar date the day counts are relative to' }),
    altinn2_shutdown: z.object({
      date: z.iso.date(),
      days_since: z.int().nonnegative().meta({ description: '0 on the day itself and before it' }),
      passed: z.boolean(),
    }),
    legacy_roles_removed: z.object({
      date: z.iso.date(),
      days_left: z.int().nonnegative().meta({ description: '0 from the removal day on' }),
      passed: z.boolean().meta({ description: 'True from the removal day itself' }),
    }),
  })
  .meta({ id: 'MigrationDeadlines' });
export type MigrationDeadlines = z.infer<typeof MigrationDeadlinesSchema>;

/** The UTC calendar date of an instant, as YYYY-MM-DD. */
export function utcDate(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError('The date to count from is not a valid date.');
  return instant.toISOString().slice(0, 10);
}

/** Whole days from one YYYY-MM-DD date to another; negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / MS_PER_DAY);
}

/**
 * Both migration deadlines relative to `today`. Counting is in whole UTC calendar days so the answer
 * does not depend on the server's time zone; the caller decides which instant "today" is.
 */
export function migrationDeadlines(today: Date): MigrationDeadlines {
  const asOf = utcDate(today);
  const sinceShutdown = daysBetween(ALTINN2_SHUTDOWN, asOf);
  const untilRemoval = daysBetween(asOf, LEGACY_ROLES_REMOVED);
  return {
    as_of: asOf,
    altinn2_shutdown: {
      date: ALTINN2_SHUTDOWN,
      days_since: Math.max(0, sinceShutdown),
      passed: sinceShutdown >= 0,
    },
    legacy_roles_removed: {
      date: LEGACY_ROLES_REMOVED,
      days_left: Math.max(0, untilRemoval),
      passed: untilRemoval <= 0,
    },
  };
}
