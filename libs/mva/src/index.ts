/**
 * @apier/mva — the mva-melding (Norwegian VAT return) as Skatteetaten defines it: safe parsing and the
 * official XSD (R001), the published validation rules with their official Norwegian messages, the
 * validation-result XML in both shapes, the submission envelope, and the deadline calendar.
 * Used by govsim (the simulated Skatteetaten validator) and by the filing preflight.
 */
export * from './mva-types';
export { parseMvaMelding, type ParseMvaMeldingResult } from './melding/parse-mva-melding';
export { renderMvaMeldingXml } from './melding/render-mva-melding';
export {
  MvaMeldingSchema,
  parseMvaMeldingJson,
  type ParseMvaMeldingJsonResult,
} from './melding/mva-melding-schema';
export { MELDING_NS } from './melding/melding-xml-names';
export { validateMvaMelding } from './validate-mva-melding';
export {
  parseValideringsresultat,
  renderValideringsresultat,
  VALIDERINGSRESULTAT_NS,
} from './valideringsresultat';
export {
  buildKonvolutt,
  KONVOLUTT_NS,
  parseKonvolutt,
  type Kildegruppe,
  type KonvoluttInput,
  type KonvoluttVedlegg,
  type MvaKonvolutt,
  type ParseKonvoluttResult,
} from './konvolutt';
export { termBounds, termsOfYear, termValues } from './calendar/terms';
export {
  deadlineWindow,
  filingDeadline,
  type DeadlineState,
  type DeadlineWindow,
  type FilingDeadline,
} from './calendar/deadlines';
export {
  easterSunday,
  isBusinessDay,
  norwegianPublicHolidays,
  type PublicHoliday,
} from './calendar/holidays';
export { osloToday } from './calendar/iso-date';
export { mvaRuleCatalogue, type MvaRuleInfo } from './rule-catalogue';
export { isValidKid } from './rules/kid';
export { DEFAULT_MAX_XML_BYTES } from './xml/safe-xml';
export { preloadMvaReferenceData } from './mva-data';
