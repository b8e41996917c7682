/**
 * The app's 409 texts at the end of fill-in. Verbatim from Skatteetaten's API documentation (typo
 * "forsjellig" included) except where marked [sim]: the documentation has no text for those cases.
 */
export const FillInMessages = {
  meldingMissing:
    'Valideringsfeil: mva-melding mangler i instansen. Validation error: mvamelding is missing [sim]',
  periodeRequired:
    'Valideringsfeil: skattleggingsperiode er påkrevd i MvaMeldingInnsending. Validation error: skattleggingsperiode is required in MvaMeldingInnsending',
  periodeEmpty:
    'Valideringsfeil: skattleggingsperiode må være utfylt. Validation error: skattleggingsperiode must be populated',
  instansstatusRequired:
    'Valideringsfeil: instansstatus er påkrevd i MvaMeldingInnsending. Validation error: instansstatus is required in MvaMeldingInnsending',
  instanceOrgnr:
    'Valideringsfeil: Organisasjonsnummeret i instansen er forskjellig fra organisasjonsnummeret i MvaMeldingInnsending ("konvolutt")',
  meldingOrgnr: (filnavn: string) =>
    `Valideringsfeil: Organisasjonsnummeret i MvaMeldingInnsending ("konvolutt") er forskjellig fra organisasjonsnummeret i ${filnavn}`,
  kategori: (filnavn: string) =>
    `Valideringsfeil: Meldingskategorien i MvaMeldingInnsending ("konvolutt") er forsjellig fra Meldingskategorien i ${filnavn}`,
  vedleggList:
    'Valideringsfeil: Liste med vedlegg definert i MvaMeldingInnsending ("konvolutt") er forskjellig fra listen med vedlegg som er lastet opp i instansen.',
  duplicateFilename: (filnavn: string) =>
    `Valideringsfeil: Filnavnet ${filnavn} er brukt på flere filer i instansen. Validation error: file names must be unique [sim]`,
  konvoluttSchema: (errors: string[]) => `Valideringsfeil / Validation error:\n${errors.join('\n')}`,
  ugyldigMelding: (valideringsresultat: string) =>
    `Valideringsfeil: Ugyldig mva-melding\n${valideringsresultat}`,
} as const;
