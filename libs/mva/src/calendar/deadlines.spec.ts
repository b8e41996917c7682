import type { Meldingskategori, TermType } from '../mva-types';
import { deadlineWindow, filingDeadline } from './deadlines';
import { easterSunday, isBusinessDay, norwegianPublicHolidays } from './holidays';
import { osloToday } from './iso-date';
import { termBounds, termsOfYear } from './terms';

/**
 * Every term of 2025 for each term type: statutory date and the date after the weekend/holiday shift.
 * Written out from the regulation and the 2025/2026 holiday calendar, not computed by the code under test.
 */
const TERMS_2025: [TermType, string, Meldingskategori, string, string][] = [
  ['toMaaneder', 'januar-februar', 'alminnelig', '2025-04-10', '2025-04-10'],
  ['toMaaneder', 'mars-april', 'alminnelig', '2025-06-10', '2025-06-10'],
  ['toMaaneder', 'mai-juni', 'alminnelig', '2025-08-31', '2025-09-01'],
  ['toMaaneder', 'juli-august', 'alminnelig', '2025-10-10', '2025-10-10'],
  ['toMaaneder', 'september-oktober', 'alminnelig', '2025-12-10', '2025-12-10'],
  ['toMaaneder', 'november-desember', 'alminnelig', '2026-02-10', '2026-02-10'],
  ['maaned', 'januar', 'alminnelig', '2025-03-10', '2025-03-10'],
  ['maaned', 'februar', 'alminnelig', '2025-04-10', '2025-04-10'],
  ['maaned', 'mars', 'alminnelig', '2025-05-10', '2025-05-12'],
  ['maaned', 'april', 'alminnelig', '2025-06-10', '2025-06-10'],
  ['maaned', 'mai', 'alminnelig', '2025-07-10', '2025-07-10'],
  ['maaned', 'juni', 'alminnelig', '2025-08-10', '2025-08-11'],
  ['maaned', 'juli', 'alminnelig', '2025-09-10', '2025-09-10'],
  ['maaned', 'august', 'alminnelig', '2025-10-10', '2025-10-10'],
  ['maaned', 'september', 'alminnelig', '2025-11-10', '2025-11-10'],
  ['maaned', 'oktober', 'alminnelig', '2025-12-10', '2025-12-10'],
  ['maaned', 'november', 'alminnelig', '2026-01-10', '2026-01-12'],
  ['maaned', 'desember', 'alminnelig', '2026-02-10', '2026-02-10'],
  ['treMaaneder', 'januar-mars', 'omvendtAvgiftsplikt', '2025-05-10', '2025-05-12'],
  ['treMaaneder', 'april-juni', 'omvendtAvgiftsplikt', '2025-08-31', '2025-09-01'],
  ['treMaaneder', 'juli-september', 'omvendtAvgiftsplikt', '2025-11-10', '2025-11-10'],
  ['treMaaneder', 'oktober-desember', 'omvendtAvgiftsplikt', '2026-02-10', '2026-02-10'],
  ['seksMaaneder', 'januar-juni', 'alminnelig', '2025-08-10', '2025-08-11'],
  ['seksMaaneder', 'juli-desember', 'alminnelig', '2026-02-10', '2026-02-10'],
  ['halvMaaned', 'foerste halvdel januar', 'alminnelig', '2025-02-25', '2025-02-25'],
  ['halvMaaned', 'andre halvdel januar', 'alminnelig', '2025-03-10', '2025-03-10'],
  ['halvMaaned', 'foerste halvdel februar', 'alminnelig', '2025-03-25', '2025-03-25'],
  ['halvMaaned', 'andre halvdel februar', 'alminnelig', '2025-04-10', '2025-04-10'],
  ['halvMaaned', 'foerste halvdel mars', 'alminnelig', '2025-04-25', '2025-04-25'],
  ['halvMaaned', 'andre halvdel mars', 'alminnelig', '2025-05-10', '2025-05-12'],
  ['halvMaaned', 'foerste halvdel april', 'alminnelig', '2025-05-25', '2025-05-26'],
  ['halvMaaned', 'andre halvdel april', 'alminnelig', '2025-06-10', '2025-06-10'],
  ['halvMaaned', 'foerste halvdel mai', 'alminnelig', '2025-06-25', '2025-06-25'],
  ['halvMaaned', 'andre halvdel mai', 'alminnelig', '2025-07-10', '2025-07-10'],
  ['halvMaaned', 'foerste halvdel juni', 'alminnelig', '2025-07-25', '2025-07-25'],
  ['halvMaaned', 'andre halvdel juni', 'alminnelig', '2025-08-10', '2025-08-11'],
  ['halvMaaned', 'foerste halvdel juli', 'alminnelig', '2025-08-25', '2025-08-25'],
  ['halvMaaned', 'andre halvdel juli', 'alminnelig', '2025-09-10', '2025-09-10'],
  ['halvMaaned', 'foerste halvdel august', 'alminnelig', '2025-09-25', '2025-09-25'],
  ['halvMaaned', 'andre halvdel august', 'alminnelig', '2025-10-10', '2025-10-10'],
  ['halvMaaned', 'foerste halvdel september', 'alminnelig', '2025-10-25', '2025-10-27'],
  ['halvMaaned', 'andre halvdel september', 'alminnelig', '2025-11-10', '2025-11-10'],
  ['halvMaaned', 'foerste halvdel oktober', 'alminnelig', '2025-11-25', '2025-11-25'],
  ['halvMaaned', 'andre halvdel oktober', 'alminnelig', '2025-12-10', '2025-12-10'],
  ['halvMaaned', 'foerste halvdel november', 'alminnelig', '2025-12-25', '2025-12-29'],
  ['halvMaaned', 'andre halvdel november', 'alminnelig', '2026-01-10', '2026-01-12'],
  ['halvMaaned', 'foerste halvdel desember', 'alminnelig', '2026-01-25', '2026-01-26'],
  ['halvMaaned', 'andre halvdel desember', 'alminnelig', '2026-02-10', '2026-02-10'],
  ['uke', 'uke 1', 'alminnelig', '2025-02-15', '2025-02-17'],
  ['uke', 'uke 2', 'alminnelig', '2025-02-22', '2025-02-24'],
  ['uke', 'uke 3', 'alminnelig', '2025-03-01', '2025-03-03'],
  ['uke', 'uke 4', 'alminnelig', '2025-03-08', '2025-03-10'],
  ['uke', 'uke 5', 'alminnelig', '2025-03-12', '2025-03-12'],
  ['uke', 'uke 6', 'alminnelig', '2025-03-19', '2025-03-19'],
  ['uke', 'uke 7', 'alminnelig', '2025-03-26', '2025-03-26'],
  ['uke', 'uke 8', 'alminnelig', '2025-04-02', '2025-04-02'],
  ['uke', 'uke 9', 'alminnelig', '2025-04-12', '2025-04-14'],
  ['uke', 'uke 10', 'alminnelig', '2025-04-19', '2025-04-22'],
  ['uke', 'uke 11', 'alminnelig', '2025-04-26', '2025-04-28'],
  ['uke', 'uke 12', 'alminnelig', '2025-05-03', '2025-05-05'],
  ['uke', 'uke 13', 'alminnelig', '2025-05-10', '2025-05-12'],
  ['uke', 'uke 14', 'alminnelig', '2025-05-16', '2025-05-16'],
  ['uke', 'uke 15', 'alminnelig', '2025-05-23', '2025-05-23'],
  ['uke', 'uke 16', 'alminnelig', '2025-05-30', '2025-05-30'],
  ['uke', 'uke 17', 'alminnelig', '2025-06-06', '2025-06-06'],
  ['uke', 'uke 18', 'alminnelig', '2025-06-14', '2025-06-16'],
  ['uke', 'uke 19', 'alminnelig', '2025-06-21', '2025-06-23'],
  ['uke', 'uke 20', 'alminnelig', '2025-06-28', '2025-06-30'],
  ['uke', 'uke 21', 'alminnelig', '2025-07-05', '2025-07-07'],
  ['uke', 'uke 22', 'alminnelig', '2025-07-11', '2025-07-11'],
  ['uke', 'uke 23', 'alminnelig', '2025-07-18', '2025-07-18'],
  ['uke', 'uke 24', 'alminnelig', '2025-07-25', '2025-07-25'],
  ['uke', 'uke 25', 'alminnelig', '2025-08-01', '2025-08-01'],
  ['uke', 'uke 26', 'alminnelig', '2025-08-08', '2025-08-08'],
  ['uke', 'uke 27', 'alminnelig', '2025-08-16', '2025-08-18'],
  ['uke', 'uke 28', 'alminnelig', '2025-08-23', '2025-08-25'],
  ['uke', 'uke 29', 'alminnelig', '2025-08-30', '2025-09-01'],
  ['uke', 'uke 30', 'alminnelig', '2025-09-06', '2025-09-08'],
  ['uke', 'uke 31', 'alminnelig', '2025-09-13', '2025-09-15'],
  ['uke', 'uke 32', 'alminnelig', '2025-09-20', '2025-09-22'],
  ['uke', 'uke 33', 'alminnelig', '2025-09-27', '2025-09-29'],
  ['uke', 'uke 34', 'alminnelig', '2025-10-04', '2025-10-06'],
  ['uke', 'uke 35', 'alminnelig', '2025-10-10', '2025-10-10'],
  ['uke', 'uke 36', 'alminnelig', '2025-10-17', '2025-10-17'],
  ['uke', 'uke 37', 'alminnelig', '2025-10-24', '2025-10-24'],
  ['uke', 'uke 38', 'alminnelig', '2025-10-31', '2025-10-31'],
  ['uke', 'uke 39', 'alminnelig', '2025-11-07', '2025-11-07'],
  ['uke', 'uke 40', 'alminnelig', '2025-11-15', '2025-11-17'],
  ['uke', 'uke 41', 'alminnelig', '2025-11-22', '2025-11-24'],
  ['uke', 'uke 42', 'alminnelig', '2025-11-29', '2025-12-01'],
  ['uke', 'uke 43', 'alminnelig', '2025-12-06', '2025-12-08'],
  ['uke', 'uke 44', 'alminnelig', '2025-12-12', '2025-12-12'],
  ['uke', 'uke 45', 'alminnelig', '2025-12-19', '2025-12-19'],
  ['uke', 'uke 46', 'alminnelig', '2025-12-26', '2025-12-29'],
  ['uke', 'uke 47', 'alminnelig', '2026-01-02', '2026-01-02'],
  ['uke', 'uke 48', 'alminnelig', '2026-01-10', '2026-01-12'],
  ['uke', 'uke 49', 'alminnelig', '2026-01-17', '2026-01-19'],
  ['uke', 'uke 50', 'alminnelig', '2026-01-24', '2026-01-26'],
  ['uke', 'uke 51', 'alminnelig', '2026-01-31', '2026-02-02'],
  ['uke', 'uke 52', 'alminnelig', '2026-02-07', '2026-02-09'],
  ['aar', 'aarlig', 'alminnelig', '2026-03-10', '2026-03-10'],
  ['aar', 'aarlig', 'primaernaering', '2026-04-10', '2026-04-10'],
];

describe('filing deadlines', () => {
  it('lists every term of 2025 exactly once per type', () => {
    const listed = (type: TermType) =>
      TERMS_2025.filter(([t, , k]) => t === type && k !== 'primaernaering').map(([, v]) => v);
    for (const type of [
      'toMaaneder',
      'maaned',
      'treMaaneder',
      'seksMaaneder',
      'halvMaaned',
      'uke',
      'aar',
    ] as TermType[])
      expect(listed(type)).toEqual(termsOfYear(type, 2025).map((t) => t.value));
  });

  it.each(TERMS_2025)(
    '%s %s (%s) 2025: statutory %s, due %s',
    (type, value, kategori, statutory, deadline) => {
      const result = filingDeadline({ type, value, year: 2025 }, kategori);
      expect(result.statutory).toBe(statutory);
      expect(result.deadline).toBe(deadline);
      expect(result.shiftedBecause !== undefined).toBe(statutory !== deadline);
    },
  );

  it('moves term 3/2024 from Saturday 31 August to Monday 2 September', () => {
    expect(filingDeadline({ type: 'toMaaneder', value: 'mai-juni', year: 2024 }, 'alminnelig')).toEqual({
      statutory: '2024-08-31',
      deadline: '2024-09-02',
      shiftedBecause: ['2024-08-31 lørdag', '2024-09-01 søndag'],
    });
  });

  it('moves term 1/2023 from Easter Monday 10 April to 11 April', () => {
    expect(filingDeadline({ type: 'toMaaneder', value: 'januar-februar', year: 2023 }, 'alminnelig')).toEqual(
      {
        statutory: '2023-04-10',
        deadline: '2023-04-11',
        shiftedBecause: ['2023-04-10 Andre påskedag'],
      },
    );
  });

  it('moves a deadline on 17 May past Constitution Day, Whitsun and Whit Monday', () => {
    // ISO week 14 of 2024 ends Sunday 7 April; one month and ten days later is Friday 17 May.
    expect(filingDeadline({ type: 'uke', value: 'uke 14', year: 2024 }, 'alminnelig')).toEqual({
      statutory: '2024-05-17',
      deadline: '2024-05-21',
      shiftedBecause: [
        '2024-05-17 Grunnlovsdag',
        '2024-05-18 lørdag',
        '2024-05-19 Første pinsedag',
        '2024-05-20 Andre pinsedag',
      ],
    });
  });

  it('moves a deadline on Ascension Day (10 May 2018) to the Friday', () => {
    expect(filingDeadline({ type: 'maaned', value: 'mars', year: 2018 }, 'alminnelig').deadline).toBe(
      '2018-05-11',
    );
  });

  it('gives eHandel (VOEC) quarters 20 days', () => {
    expect(filingDeadline({ type: 'treMaaneder', value: 'januar-mars', year: 2025 }, 'eHandel')).toEqual({
      statutory: '2025-04-20',
      deadline: '2025-04-22',
      shiftedBecause: ['2025-04-20 Første påskedag', '2025-04-21 Andre påskedag'],
    });
  });
});

describe('the calendar', () => {
  it('finds Easter Sunday by the anonymous Gregorian algorithm', () => {
    const known: Record<number, string> = {
      1818: '1818-03-22',
      1943: '1943-04-25',
      2000: '2000-04-23',
      2019: '2019-04-21',
      2023: '2023-04-09',
      2024: '2024-03-31',
      2025: '2025-04-20',
      2026: '2026-04-05',
      2038: '2038-04-25',
    };
    for (const [year, date] of Object.entries(known)) expect(easterSunday(Number(year))).toBe(date);
  });

  it("lists Norway's public holidays of 2024", () => {
    expect(norwegianPublicHolidays(2024)).toEqual([
      { date: '2024-01-01', name: 'Første nyttårsdag' },
      { date: '2024-03-28', name: 'Skjærtorsdag' },
      { date: '2024-03-29', name: 'Langfredag' },
      { date: '2024-03-31', name: 'Første påskedag' },
      { date: '2024-04-01', name: 'Andre påskedag' },
      { date: '2024-05-01', name: 'Offentlig høytidsdag' },
      { date: '2024-05-09', name: 'Kristi himmelfartsdag' },
      { date: '2024-05-17', name: 'Grunnlovsdag' },
      { date: '2024-05-19', name: 'Første pinsedag' },
      { date: '2024-05-20', name: 'Andre pinsedag' },
      { date: '2024-12-25', name: 'Første juledag' },
      { date: '2024-12-26', name: 'Andre juledag' },
    ]);
  });

  it('counts weekdays that are not holidays as business days', () => {
    expect(isBusinessDay('2025-05-16')).toBe(true);
    expect(isBusinessDay('2025-05-17')).toBe(false);
    expect(isBusinessDay('2025-05-01')).toBe(false);
    expect(isBusinessDay('2025-12-24')).toBe(true);
    expect(isBusinessDay('2025-06-07')).toBe(false);
  });

  it('bounds terms, half-months and ISO weeks', () => {
    expect(termBounds({ type: 'toMaaneder', value: 'januar-februar', year: 2024 })).toEqual({
      start: '2024-01-01',
      end: '2024-02-29',
    });
    expect(termBounds({ type: 'halvMaaned', value: 'andre halvdel februar', year: 2025 })).toEqual({
      start: '2025-02-16',
      end: '2025-02-28',
    });
    expect(termBounds({ type: 'uke', value: 'uke 1', year: 2025 })).toEqual({
      start: '2024-12-30',
      end: '2025-01-05',
    });
    expect(termBounds({ type: 'uke', value: 'uke 53', year: 2026 })).toEqual({
      start: '2026-12-28',
      end: '2027-01-03',
    });
    expect(termBounds({ type: 'aar', value: 'aarlig', year: 2025 })).toEqual({
      start: '2025-01-01',
      end: '2025-12-31',
    });
  });

  it('refuses a term value the type does not have, and week 53 of a 52-week year', () => {
    expect(() => termBounds({ type: 'toMaaneder', value: 'januar', year: 2025 })).toThrow(/not a term/);
    expect(() => termBounds({ type: 'uke', value: 'uke 53', year: 2025 })).toThrow(/no ISO week 53/);
  });

  it('tells the date in Oslo, not in UTC', () => {
    expect(osloToday(new Date('2025-06-30T22:30:00Z'))).toBe('2025-07-01');
    expect(osloToday(new Date('2025-12-31T22:59:59Z'))).toBe('2025-12-31');
  });
});

describe('the deadline window', () => {
  const term3 = { type: 'toMaaneder' as const, value: 'mai-juni', year: 2025 };

  it('is closed while the term runs, including its last day', () => {
    expect(deadlineWindow(term3, 'alminnelig', '2025-06-30')).toEqual({
      state: 'term-not-ended',
      daysLeft: 63,
      deadline: '2025-09-01',
      termEnd: '2025-06-30',
    });
  });

  it('is open from the day after the term to the shifted deadline', () => {
    expect(deadlineWindow(term3, 'alminnelig', '2025-07-01')).toEqual(
      expect.objectContaining({ state: 'open', daysLeft: 62 }),
    );
    expect(deadlineWindow(term3, 'alminnelig', '2025-09-01')).toEqual(
      expect.objectContaining({ state: 'open', daysLeft: 0 }),
    );
  });

  it('is late after the deadline and a request for change after three years', () => {
    expect(deadlineWindow(term3, 'alminnelig', '2025-09-02')).toEqual(
      expect.objectContaining({ state: 'late', daysLate: 1 }),
    );
    expect(deadlineWindow(term3, 'alminnelig', '2028-09-01')).toEqual(
      expect.objectContaining({ state: 'late' }),
    );
    expect(deadlineWindow(term3, 'alminnelig', '2028-09-02')).toEqual(
      expect.objectContaining({ state: 'change-request', daysLate: 1097 }),
    );
  });
});
