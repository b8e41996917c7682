import type { PreflightCheck } from '@apier/contracts';
import { deadlineWindow, filingDeadline, type MvaMelding, termBounds } from '@apier/mva';
import { fail, pass, warn } from './check-result';

const CHECK = 'deadline_window';

/**
 * Check 5: the term mapped to its legal deadline (moved past weekends and public holidays).
 * Before the term ends a return cannot be filed (R059); after the deadline it is late, and more
 * than three years late it is a change request (R132).
 */
export function deadlineWindowCheck(melding: MvaMelding | undefined, today: string): PreflightCheck {
  if (!melding) {
    return fail(CHECK, 'term_unknown', 'The term cannot be read from a payload that does not parse', {
      today,
    });
  }
  const { periode, meldingskategori } = melding;
  const bounds = termBounds(periode);
  const deadline = filingDeadline(periode, meldingskategori);
  const window = deadlineWindow(periode, meldingskategori, today);
  const details = {
    term: { type: periode.type, value: periode.value, year: periode.year },
    term_start: bounds.start,
    term_end: bounds.end,
    statutory_deadline: deadline.statutory,
    deadline: deadline.deadline,
    shifted_because: deadline.shiftedBecause ?? [],
    today,
  };
  switch (window.state) {
    case 'term-not-ended':
      return fail(
        CHECK,
        'term_not_ended',
        `The term ends ${bounds.end}; it cannot be filed before then`,
        details,
      );
    case 'open':
      return pass(CHECK, 'deadline_open', `Due ${deadline.deadline} (${window.daysLeft ?? 0} day(s) left)`, {
        ...details,
        days_left: window.daysLeft,
      });
    case 'late':
      return warn(CHECK, 'late_filing', `The deadline was ${deadline.deadline}; this is a late filing`, {
        ...details,
        days_late: window.daysLate,
      });
    case 'change-request':
      return warn(
        CHECK,
        'change_request',
        `More than three years past the deadline (${deadline.deadline}): Skatteetaten treats it as a request for change`,
        { ...details, days_late: window.daysLate },
      );
  }
}
