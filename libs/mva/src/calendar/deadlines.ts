import type { Meldingskategori, Skattleggingsperiode } from '../mva-types';
import { holidayName, isBusinessDay } from './holidays';
import { addDays, addMonths, addYears, daysBetween, isoDate, lastDayOfMonth, weekday } from './iso-date';
import { termBounds } from './terms';

export interface FilingDeadline {
  /** The date the regulation names, before any shift. */
  statutory: string;
  /** The date that counts: moved to the next business day when the statutory one is not. */
  deadline: string;
  /** Why each skipped day was skipped, e.g. '2024-08-31 lørdag'; absent when no shift was needed. */
  shiftedBecause?: string[];
}

const WEEKEND = ['søndag', '', '', '', '', '', 'lørdag'];

/**
 * Leveringsfrist (= betalingsfrist) of a term, skatteforvaltningsforskriften § 8-3-10, with the
 * weekend/holiday shift of skatteforvaltningsloven § 5-5 (2):
 * - two-monthly, monthly, quarterly (reverse charge), half-yearly: one month and ten days after the term
 *   ends, counted from the end of the month (→ the 10th of the second month after the term), except
 *   that a term ending in June (two-monthly mai-juni, quarterly april-juni) is due 31 August;
 * - annual: 10 March next year (alminnelig), 10 April next year (primærnæring);
 * - eHandel (VOEC): 20 days after the term;
 * - half-month and week terms have no rule in our reference: we apply the same "one month and ten
 *   days" literally (end + 1 month + 10 days).
 */
export function filingDeadline(p: Skattleggingsperiode, meldingskategori: Meldingskategori): FilingDeadline {
  const { end } = termBounds(p);
  const statutory = statutoryDeadline(p, meldingskategori, end);
  const shiftedBecause: string[] = [];
  let deadline = statutory;
  while (!isBusinessDay(deadline)) {
    shiftedBecause.push(`${deadline} ${holidayName(deadline) ?? WEEKEND[weekday(deadline)]}`);
    deadline = addDays(deadline, 1);
  }
  return { statutory, deadline, ...(shiftedBecause.length > 0 ? { shiftedBecause } : {}) };
}

function statutoryDeadline(p: Skattleggingsperiode, kategori: Meldingskategori, end: string): string {
  if (kategori === 'eHandel') return addDays(end, 20);
  if (p.type === 'aar') return isoDate(p.year + 1, kategori === 'primaernaering' ? 4 : 3, 10);
  if (p.type === 'halvMaaned' || p.type === 'uke') {
    const endsMonth =
      Number(end.slice(8)) === lastDayOfMonth(Number(end.slice(0, 4)), Number(end.slice(5, 7)));
    if (!endsMonth) return addDays(addMonths(end, 1), 10);
  }
  const endMonth = Number(end.slice(5, 7));
  if (endMonth === 6 && (p.type === 'toMaaneder' || p.type === 'treMaaneder')) return isoDate(p.year, 8, 31);
  const month = new Date(Date.UTC(Number(end.slice(0, 4)), endMonth + 1, 10));
  return month.toISOString().slice(0, 10);
}

export type DeadlineState = 'term-not-ended' | 'open' | 'late' | 'change-request';

export interface DeadlineWindow {
  state: DeadlineState;
  /** Days from today to the deadline (0 = due today); while the term runs, counted from today too. */
  daysLeft?: number;
  daysLate?: number;
  deadline: string;
  termEnd: string;
}

/**
 * Where `today` stands against a term: before the term has ended a return is refused (R059); from the
 * day after the term end to the shifted deadline it is open; after it, late; more than three years
 * after the deadline it is treated as a request for change (R132).
 */
export function deadlineWindow(
  p: Skattleggingsperiode,
  meldingskategori: Meldingskategori,
  today: string,
): DeadlineWindow {
  const { end } = termBounds(p);
  const { deadline } = filingDeadline(p, meldingskategori);
  if (today <= end)
    return { state: 'term-not-ended', daysLeft: daysBetween(today, deadline), deadline, termEnd: end };
  if (today <= deadline)
    return { state: 'open', daysLeft: daysBetween(today, deadline), deadline, termEnd: end };
  const daysLate = daysBetween(deadline, today);
  const state = today > addYears(deadline, 3) ? 'change-request' : 'late';
  return { state, daysLate, deadline, termEnd: end };
}
