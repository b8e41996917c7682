import { readFileSync } from 'node:fs';
import path from 'node:path';
import { renderMvaMeldingXml } from '../melding/render-mva-melding';
import type { MvaLinje, MvaMelding, MvaValidationContext } from '../mva-types';
import { validateMvaMelding } from '../validate-mva-melding';

/** 315678420 is MOD11-valid (the reference's fictitious company). */
export const ORGNR = '315678420';

/**
 * A return that passes every rule: two-monthly May–June 2025, domestic sales and purchases and an
 * import of goods (code 81) reported on both sides.
 */
export function validMelding(): MvaMelding {
  return {
    regnskapssystemsreferanse: 'apier-test-0001',
    regnskapssystem: { systemnavn: 'apier', systemversjon: '0.1' },
    periode: { type: 'toMaaneder', value: 'mai-juni', year: 2025 },
    fastsattMerverdiavgift: '2500',
    linjer: [
      { mvaKode: '3', grunnlag: '20000', sats: '25', merverdiavgift: '5000' },
      { mvaKode: '1', merverdiavgift: '-2500' },
      { mvaKode: '81', grunnlag: '10000', sats: '25', merverdiavgift: '2500' },
      { mvaKode: '81', merverdiavgift: '-2500' },
    ],
    orgnr: ORGNR,
    meldingskategori: 'alminnelig',
  };
}

export function validContext(): MvaValidationContext {
  return {
    today: '2025-07-15',
    expectedOrgnr: ORGNR,
    register: {
      registrert: true,
      meldingskategori: 'alminnelig',
      terminType: 'toMaaneder',
      gyldigFra: '2020-01-01',
      kontonummer: '12345678903',
    },
    entity: { organisasjonsform: 'AS' },
  };
}

/** fastsattMerverdiavgift recomputed from the lines, so a case breaks only what it means to break. */
export function withTotal(melding: MvaMelding): MvaMelding {
  const total = melding.linjer.reduce((sum, l) => sum + BigInt(l.merverdiavgift), 0n);
  return { ...melding, fastsattMerverdiavgift: total.toString() };
}

export function withLines(melding: MvaMelding, linjer: MvaLinje[]): MvaMelding {
  return withTotal({ ...melding, linjer });
}

export function validate(melding: MvaMelding, ctx: MvaValidationContext = validContext()) {
  return validateMvaMelding(renderMvaMeldingXml(melding), ctx);
}

export function ruleIds(melding: MvaMelding, ctx?: MvaValidationContext): string[] {
  return validate(melding, ctx).violations.map((v) => v.ruleId);
}

const EXAMPLES = path.resolve(__dirname, '..', '..', 'data', 'examples');

/** An official example file, optionally re-dated (rule R077 refuses the 2020/2021 originals). */
export function officialExample(file: string, year?: number): string {
  const xml = readFileSync(path.join(EXAMPLES, file), 'utf8');
  return year === undefined ? xml : xml.replace(/<aar>\d{4}<\/aar>/, `<aar>${year}</aar>`);
}
