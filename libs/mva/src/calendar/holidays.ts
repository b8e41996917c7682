import { addDays, isoDate, weekday } from './iso-date';

export interface PublicHoliday {
  date: string;
  name: string;
}

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDate(year, month, day);
}

/**
 * Norway's public holidays (helligdagsloven) and statutory days of celebration (1 and 17 May), in date
 * order. Sundays are not listed; `isBusinessDay` treats every weekend day as closed anyway.
 */
export function norwegianPublicHolidays(year: number): PublicHoliday[] {
  const easter = easterSunday(year);
  return [
    { date: isoDate(year, 1, 1), name: 'Første nyttårsdag' },
    { date: addDays(easter, -3), name: 'Skjærtorsdag' },
    { date: addDays(easter, -2), name: 'Langfredag' },
    { date: easter, name: 'Første påskedag' },
    { date: addDays(easter, 1), name: 'Andre påskedag' },
    { date: isoDate(year, 5, 1), name: 'Offentlig høytidsdag' },
    { date: isoDate(year, 5, 17), name: 'Grunnlovsdag' },
    { date: addDays(easter, 39), name: 'Kristi himmelfartsdag' },
    { date: addDays(easter, 49), name: 'Første pinsedag' },
    { date: addDays(easter, 50), name: 'Andre pinsedag' },
    { date: isoDate(year, 12, 25), name: 'Første juledag' },
    { date: isoDate(year, 12, 26), name: 'Andre juledag' },
  ].sort((x, y) => x.date.localeCompare(y.date));
}

const cache = new Map<number, Map<string, string>>();

/** The holiday's name, or undefined for an ordinary day. */
export function holidayName(date: string): string | undefined {
  const year = Number(date.slice(0, 4));
  let byDate = cache.get(year);
  if (!byDate) {
    byDate = new Map(norwegianPublicHolidays(year).map((h) => [h.date, h.name]));
    cache.set(year, byDate);
  }
  return byDate.get(date);
}

/** Monday to Friday and not a public holiday or 1/17 May. */
export function isBusinessDay(date: string): boolean {
  const day = weekday(date);
  return day !== 0 && day !== 6 && holidayName(date) === undefined;
}
