import {
  type MvaMelding,
  osloToday,
  renderMvaMeldingXml,
  type Skattleggingsperiode,
  termBounds,
  termsOfYear,
} from '@apier/mva';

/** The two-monthly terms around `today`: the last one that has ended and the one still running. */
export function twoMonthTerms(today = osloToday()): {
  ended: Skattleggingsperiode;
  running: Skattleggingsperiode;
} {
  const year = Number(today.slice(0, 4));
  const terms = [...termsOfYear('toMaaneder', year - 1), ...termsOfYear('toMaaneder', year)];
  const ended = terms.filter((t) => termBounds(t).end < today).at(-1)!;
  const running = terms.find((t) => termBounds(t).start <= today && today <= termBounds(t).end)!;
  return { ended, running };
}

/** An ordinary return that passes every rule: 25 % output VAT on 20 000 and a 2 500 deduction. */
export function validMelding(orgnr: string, periode: Skattleggingsperiode, reference: string): MvaMelding {
  return {
    regnskapssystemsreferanse: reference,
    regnskapssystem: { systemnavn: 'apier-e2e', systemversjon: '1.0' },
    periode,
    fastsattMerverdiavgift: '2500',
    linjer: [
      { mvaKode: '3', grunnlag: '20000', sats: '25', merverdiavgift: '5000' },
      { mvaKode: '1', merverdiavgift: '-2500' },
    ],
    orgnr,
    meldingskategori: 'alminnelig',
  };
}

export const meldingXml = (melding: MvaMelding): string => renderMvaMeldingXml(melding);
