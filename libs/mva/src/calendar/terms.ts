import { ApierError } from '@apier/contracts';
import type { Skattleggingsperiode, TermType } from '../mva-types';
import { addDays, isoDate, lastDayOfMonth, weekday } from './iso-date';

export const MONTHS = [
  'januar',
  'februar',
  'mars',
  'april',
  'mai',
  'juni',
  'juli',
  'august',
  'september',
  'oktober',
  'november',
  'desember',
] as const;

/** Month spans of the month-based term types: each value names its first and last month. */
const MONTH_SPANS: Record<'toMaaneder' | 'treMaaneder' | 'seksMaaneder' | 'aar', number> = {
  toMaaneder: 2,
  treMaaneder: 3,
  seksMaaneder: 6,
  aar: 12,
};

/** Every term value of a type in calendar order, exactly as the XSD enumerates them. */
export function termValues(type: TermType): string[] {
  switch (type) {
    case 'maaned':
      return [...MONTHS];
    case 'halvMaaned':
      return MONTHS.flatMap((m) => [`foerste halvdel ${m}`, `andre halvdel ${m}`]);
    case 'uke':
      return Array.from({ length: 53 }, (_, i) => `uke ${i + 1}`);
    case 'aar':
      return ['aarlig'];
    default: {
      const span = MONTH_SPANS[type];
      return Array.from(
        { length: 12 / span },
        (_, i) => `${MONTHS[i * span]}-${MONTHS[i * span + span - 1]}`,
      );
    }
  }
}

/** Terms of one year; 'uke 53' only in ISO years that have it. */
export function termsOfYear(type: TermType, year: number): Skattleggingsperiode[] {
  const values = type === 'uke' ? termValues(type).slice(0, isoWeeksInYear(year)) : termValues(type);
  return values.map((value) => ({ type, value, year }));
}

export function isoWeeksInYear(year: number): number {
  // A year has 53 ISO weeks when 28 December falls in week 53, i.e. 1 January is a Thursday, or a
  // Wednesday in a leap year.
  const jan1 = weekday(isoDate(year, 1, 1));
  const leap = lastDayOfMonth(year, 2) === 29;
  return jan1 === 4 || (leap && jan1 === 3) ? 53 : 52;
}

/**
 * First and last day of a term (inclusive ISO dates). Weeks are ISO 8601 weeks of the ISO week-year.
 * @throws ApierError validation_failed for a value the term type does not have.
 */
export function termBounds(p: Skattleggingsperiode): { start: string; end: string } {
  const index = termValues(p.type).indexOf(p.value);
  if (index < 0 || !Number.isInteger(p.year) || p.year < 1 || p.year > 9999)
    throw new ApierError('validation_failed', `'${p.value}' ${p.year} is not a term of type ${p.type}`);
  switch (p.type) {
    case 'maaned':
      return {
        start: isoDate(p.year, index + 1, 1),
        end: isoDate(p.year, index + 1, lastDayOfMonth(p.year, index + 1)),
      };
    case 'halvMaaned': {
      const month = Math.floor(index / 2) + 1;
      return index % 2 === 0
        ? { start: isoDate(p.year, month, 1), end: isoDate(p.year, month, 15) }
        : { start: isoDate(p.year, month, 16), end: isoDate(p.year, month, lastDayOfMonth(p.year, month)) };
    }
    case 'uke': {
      if (index + 1 > isoWeeksInYear(p.year))
        throw new ApierError('validation_failed', `${p.year} has no ISO week ${index + 1}`);
      const jan4 = isoDate(p.year, 1, 4);
      const week1Monday = addDays(jan4, -((weekday(jan4) + 6) % 7));
      const start = addDays(week1Monday, 7 * index);
      return { start, end: addDays(start, 6) };
    }
    default: {
      const span = MONTH_SPANS[p.type];
      const first = index * span + 1;
      const last = first + span - 1;
      return { start: isoDate(p.year, first, 1), end: isoDate(p.year, last, lastDayOfMonth(p.year, last)) };
    }
  }
}

export function sameTerm(a: Skattleggingsperiode, b: Skattleggingsperiode): boolean {
  return a.type === b.type && a.value === b.value && a.year === b.year;
}
