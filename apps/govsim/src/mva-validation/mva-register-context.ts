import {
  type MvaEntityFacts,
  type MvaMelding,
  type MvaRegisterFacts,
  type MvaValidationContext,
  type Skattleggingsperiode,
  termBounds,
  termsOfYear,
} from '@apier/mva';
import type { GovsimWorld } from '../fixtures/govsim-world';
import type { GovsimCompany } from '../fixtures/world-model';
import type { MvaValidationSettings } from './mva-validation-settings';

/** The new service takes ordinary returns from 2022; no earlier term can be owed through it (R077). */
const FIRST_TERM_DAY = '2022-01-01';

/**
 * What Skatteetaten's validator knows besides the document, read from the simulated world: the VAT
 * register entry, the entity in Enhetsregisteret, the terms already filed, and today's date.
 */
export class MvaRegisterContext {
  constructor(
    private readonly world: GovsimWorld,
    private readonly settings: MvaValidationSettings,
  ) {}

  /** Without a parsed melding (it failed the XSD) only the settings apply. */
  contextFor(melding: MvaMelding | undefined, expectedOrgnr?: string): MvaValidationContext {
    const base: MvaValidationContext = {
      today: this.settings.today,
      enforceR077: this.settings.enforceR077,
      ...(expectedOrgnr ? { expectedOrgnr } : {}),
    };
    const company = melding?.orgnr ? this.world.company(melding.orgnr) : undefined;
    if (!melding || !company) return base;
    return { ...base, register: this.registerFacts(company, melding), entity: entityFacts(company) };
  }

  private registerFacts(company: GovsimCompany, melding: MvaMelding): MvaRegisterFacts {
    const { mva } = company;
    // A registration that has ended still covers the terms it was valid for (R072/R073 decide).
    const registrert = mva.registrert || (mva.gyldigFra !== null && mva.gyldigTil !== null);
    const facts: MvaRegisterFacts = {
      registrert,
      // Never registered: R047/R048 says so; inventing a category or term length would add noise.
      meldingskategori: mva.meldingskategori ?? melding.meldingskategori,
      terminType: mva.skattleggingsperiodeType ?? melding.periode.type,
      gyldigFra: mva.gyldigFra ?? this.settings.today,
      ...(mva.gyldigTil ? { gyldigTil: mva.gyldigTil } : {}),
      ...(mva.kontonummer ? { kontonummer: mva.kontonummer } : {}),
      ...(mva.fellesregistrering ? { rapporterendeEnhet: mva.fellesregistrering.rapporterendeEnhet } : {}),
      ...(mva.engangsregistrering ? { engangsregistrering: true } : {}),
    };
    if (registrert && mva.skattleggingsperiodeType)
      facts.submittedTerms = this.submittedTerms(company, melding.periode);
    return facts;
  }

  /**
   * The world lists the terms a company still owes, not the ones it filed: every earlier term of the
   * registration that is not owed counts as filed, and so does anything filed through the app.
   */
  private submittedTerms(company: GovsimCompany, before: Skattleggingsperiode): Skattleggingsperiode[] {
    const { mva, mvaInnsending } = company;
    const type = mva.skattleggingsperiodeType!;
    const from = [mva.gyldigFra ?? FIRST_TERM_DAY, FIRST_TERM_DAY].sort().at(-1)!;
    const until = termBounds(before).start;
    const owed = new Set(mvaInnsending.terminerUtenLevertMvaMelding.map((t) => `${t.periode}/${t.aar}`));
    const filed = this.world.submittedReturns
      .list(company.enhet.organisasjonsnummer)
      .map((s) => ({ type: s.skattleggingsperiodeType, value: s.periode, year: s.aar }));
    const assumed: Skattleggingsperiode[] = [];
    for (let year = Number(from.slice(0, 4)); year <= Number(until.slice(0, 4)); year += 1)
      for (const term of termsOfYear(type, year)) {
        const { start, end } = termBounds(term);
        if (end >= from && start < until && !owed.has(`${term.value}/${term.year}`)) assumed.push(term);
      }
    return [...assumed, ...filed];
  }
}

function entityFacts(company: GovsimCompany): MvaEntityFacts {
  const { enhet } = company;
  return {
    organisasjonsform: enhet.organisasjonsform,
    ...(company.registerStatus !== 'aktiv' && company.slettedato ? { slettedato: company.slettedato } : {}),
    ...(enhet.konkurs ? { konkurs: true } : {}),
    ...(enhet.underAvvikling ? { underAvvikling: true } : {}),
  };
}
