/** The seven term lengths of the XSD's `PeriodeBeskrivelse` choice, named after its elements. */
export type TermType =
  'toMaaneder' | 'maaned' | 'treMaaneder' | 'seksMaaneder' | 'halvMaaned' | 'uke' | 'aar';

export const TERM_TYPES: readonly TermType[] = [
  'toMaaneder',
  'maaned',
  'treMaaneder',
  'seksMaaneder',
  'halvMaaned',
  'uke',
  'aar',
];

/** A term ("skattleggingsperiode"): `value` is the XSD enumeration text, e.g. 'mai-juni', 'uke 7', 'aarlig'. */
export interface Skattleggingsperiode {
  type: TermType;
  value: string;
  year: number;
}

/** The XSD spelling; the code list and rule texts write `primærnæring` for `primaernaering` (§7). */
export type Meldingskategori =
  'alminnelig' | 'primaernaering' | 'kompensasjon' | 'omvendtAvgiftsplikt' | 'eHandel';

export const MELDINGSKATEGORIER: readonly Meldingskategori[] = [
  'alminnelig',
  'primaernaering',
  'kompensasjon',
  'omvendtAvgiftsplikt',
  'eHandel',
];

/** A remark: free text or a value of the `merknad` code list, never both (XSD choice). */
export type Merknad = { beskrivelse: string } | { utvalgtMerknad: string };

/** One `mvaSpesifikasjonslinje`. Amounts stay decimal text exactly as written, so nothing is lost to floats. */
export interface MvaLinje {
  mvaKode: string;
  spesifikasjon?: string;
  mvaKodeRegnskapsystem?: string;
  grunnlag?: string;
  sats?: string;
  merverdiavgift: string;
  merknad?: Merknad;
}

/** The JSON form of an mva-melding; `renderMvaMeldingXml` and `parseMvaMelding` convert both ways. */
export interface MvaMelding {
  regnskapssystemsreferanse: string;
  regnskapssystem?: { systemnavn: string; systemversjon?: string };
  periode: Skattleggingsperiode;
  fastsattMerverdiavgift: string;
  linjer: MvaLinje[];
  /** `betalingsinformasjon/kundeIdentifikasjonsnummer`. */
  kid?: string;
  orgnr?: string;
  /** VOEC number (7 digits) instead of an organisation number. */
  identifikasjonsnummer?: string;
  meldingskategori: Meldingskategori;
  merknad?: Merknad;
}

/** `rejected` = UGYLDIG_SKATTEMELDING, `deviation` = AVVIKENDE_SKATTEMELDING (accepted, flagged). */
export type MvaSeverity = 'rejected' | 'deviation';

export interface MvaViolation {
  /** Skatteetaten's rule number ('R001'…) or, where no official rule exists, an upper-case id like 'ORGNR_MISMATCH'. */
  ruleId: string;
  severity: MvaSeverity;
  avvikstype: 'ugyldig skattemelding' | 'avvikende skattemelding';
  /** XPath-like location, e.g. /mvaMeldingDto/skattegrunnlagOgBeregnetSkatt/mvaSpesifikasjonslinje[2]/grunnlag. */
  path: string;
  /** The official Norwegian rule text (see data/regelkatalog.json). */
  message: string;
  line?: number;
  /** The line's mvaKode, for line-level violations. */
  mvaKode?: string;
  /** Extra detail, e.g. the schema validator's explanation for R001. */
  details?: string;
}

export type MvaValidationStatus =
  'GYLDIG_SKATTEMELDING' | 'AVVIKENDE_SKATTEMELDING' | 'UGYLDIG_SKATTEMELDING';

export interface MvaValidationResult {
  status: MvaValidationStatus;
  violations: MvaViolation[];
  melding?: MvaMelding;
}

/** What the simulated MVA register knows (no public API exists; see registries-and-mva.md §2, §6). */
export interface MvaRegisterFacts {
  registrert: boolean;
  meldingskategori: Meldingskategori;
  terminType: TermType;
  gyldigFra: string;
  gyldigTil?: string;
  kontonummer?: string;
  /** Orgnr of the reporting unit of a joint registration (fellesregistrering). */
  rapporterendeEnhet?: string;
  engangsregistrering?: boolean;
  /** Terms already filed; enables R061/R062 (missing earlier terms). */
  submittedTerms?: Skattleggingsperiode[];
}

/** What Enhetsregisteret knows about the taxpayer. */
export interface MvaEntityFacts {
  organisasjonsform: string;
  slettedato?: string;
  konkurs?: boolean;
  underAvvikling?: boolean;
}

export interface MvaValidationContext {
  /** Organisation the caller acts for; a different orgnr in the payload is rejected (ORGNR_MISMATCH). */
  expectedOrgnr?: string;
  /** The date in Oslo, YYYY-MM-DD; see `osloToday`. */
  today: string;
  /** Register-dependent rules (R047–R051, R053/R054, R061/R062, R072/R073, R079 account, R080, R083) run only with it. */
  register?: MvaRegisterFacts;
  /** Entity rules (R126, R131) and the R059/R060 exceptions run only with it. */
  entity?: MvaEntityFacts;
  /** R077: ordinary returns for periods before 2022 are refused. Default true. */
  enforceR077?: boolean;
  /** Non-official ORGNR_MOD11: the payload orgnr must pass the MOD11 check. Default false (the examples fail it). */
  checkOrgnrMod11?: boolean;
}
