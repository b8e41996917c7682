import type { MvaLinje, MvaMelding, MvaValidationContext } from '../mva-types';
import {
  ORGNR,
  ruleIds,
  validate,
  validContext,
  validMelding,
  withLines,
  withTotal,
} from '../testing/melding-fixture';

type Case = {
  rule: string;
  why: string;
  melding?: (m: MvaMelding) => MvaMelding;
  ctx?: (c: MvaValidationContext) => MvaValidationContext;
  path?: string;
};

const line = (i: number) => `/mvaMeldingDto/skattegrunnlagOgBeregnetSkatt/mvaSpesifikasjonslinje[${i}]`;
const PERIOD = '/mvaMeldingDto/skattegrunnlagOgBeregnetSkatt/skattleggingsperiode';
const FASTSATT = '/mvaMeldingDto/skattegrunnlagOgBeregnetSkatt/fastsattMerverdiavgift';
const sale: MvaLinje = { mvaKode: '3', grunnlag: '20000', sats: '25', merverdiavgift: '5000' };
const lines =
  (...linjer: MvaLinje[]) =>
  (m: MvaMelding) =>
    withLines(m, linjer);
const register =
  (patch: Partial<NonNullable<MvaValidationContext['register']>>) => (c: MvaValidationContext) => ({
    ...c,
    register: { ...c.register!, ...patch },
  });
const primaer = (m: MvaMelding): MvaMelding => ({ ...m, meldingskategori: 'primaernaering' });

/** Paired codes with a rate valid for them, and the rule numbers the catalogue gives them. */
const PAIRED: [string, string, string, string, string][] = [
  ['81', '25', 'R023', 'R028', 'R033'],
  ['83', '15', 'R024', 'R029', 'R034'],
  ['86', '25', 'R025', 'R030', 'R035'],
  ['88', '12', 'R026', 'R031', 'R036'],
  ['91', '25', 'R027', 'R032', 'R037'],
];

const CASES: Case[] = [
  {
    rule: 'R002',
    why: 'a SAF-T code that must not be reported',
    melding: lines(sale, { mvaKode: '7', merverdiavgift: '0' }),
    path: `${line(2)}/mvaKode`,
  },
  {
    rule: 'R003',
    why: 'the food rate on a standard-rate code',
    melding: lines({ ...sale, sats: '15', merverdiavgift: '3000' }),
    path: `${line(1)}/sats`,
  },
  {
    rule: 'R003',
    why: 'a rate that had expired before the term',
    melding: lines({ mvaKode: '33', grunnlag: '1000', sats: '6', merverdiavgift: '60' }),
  },
  {
    rule: 'R018',
    why: 'the total is one krone off',
    melding: (m) => ({ ...m, fastsattMerverdiavgift: '2501' }),
    path: FASTSATT,
  },
  {
    rule: 'R019',
    why: 'VAT one krone below basis × rate',
    melding: lines({ ...sale, merverdiavgift: '4999' }),
    path: `${line(1)}/merverdiavgift`,
  },
  {
    rule: 'R020',
    why: 'negative basis on a sale without a remark',
    melding: lines({ ...sale, grunnlag: '-20000', merverdiavgift: '-5000' }),
    path: `${line(1)}/grunnlag`,
  },
  {
    rule: 'R021',
    why: 'a positive deduction without a remark',
    melding: lines(sale, { mvaKode: '1', merverdiavgift: '100' }),
    path: `${line(2)}/merverdiavgift`,
  },
  ...PAIRED.flatMap(([kode, sats, above, outputMissing, deductionMissing]): Case[] => {
    const out = (g: number): MvaLinje => ({
      mvaKode: kode,
      grunnlag: String(g),
      sats,
      merverdiavgift: String(Math.floor((g * Number(sats)) / 100)),
    });
    const deduction = (v: number): MvaLinje => ({ mvaKode: kode, merverdiavgift: String(-v) });
    const vat = Math.floor((10000 * Number(sats)) / 100);
    return [
      {
        rule: above,
        why: `code ${kode}: deduction above the output VAT`,
        melding: lines(out(10000), deduction(vat + 1)),
        path: `${line(2)}/merverdiavgift`,
      },
      {
        rule: outputMissing,
        why: `code ${kode}: two deductions, one output line`,
        melding: lines(out(10000), deduction(1), deduction(1)),
      },
      {
        rule: deductionMissing,
        why: `code ${kode}: output without deduction`,
        melding: lines(out(10000)),
        path: line(1),
      },
    ];
  }),
  {
    rule: 'R038',
    why: 'loss on receivables on a sales code',
    melding: lines({ ...sale, spesifikasjon: 'tapPåKrav' }),
    path: `${line(1)}/spesifikasjon`,
  },
  {
    rule: 'R039',
    why: 'withdrawal on code 32',
    melding: lines({
      mvaKode: '32',
      spesifikasjon: 'uttak',
      grunnlag: '900',
      sats: '11,11',
      merverdiavgift: '99',
    }),
  },
  {
    rule: 'R040',
    why: 'adjustment on a sales code',
    melding: lines({ ...sale, spesifikasjon: 'justering' }),
  },
  {
    rule: 'R041',
    why: 'reversal on code 11',
    melding: lines(sale, {
      mvaKode: '11',
      spesifikasjon: 'tilbakeføringAvInngåendeMerverdiavgift',
      merverdiavgift: '100',
      merknad: { beskrivelse: 'bil' },
    }),
  },
  {
    rule: 'R047',
    why: 'registered for primærnæring, files alminnelig',
    ctx: register({ meldingskategori: 'primaernaering' }),
    path: '/mvaMeldingDto/meldingskategori',
  },
  { rule: 'R047', why: 'not registered at all', ctx: register({ registrert: false }) },
  { rule: 'R048', why: 'registered alminnelig, files primærnæring', melding: primaer },
  {
    rule: 'R049',
    why: 'registered monthly, files two-monthly',
    ctx: register({ terminType: 'maaned' }),
    path: PERIOD,
  },
  {
    rule: 'R050',
    why: 'primærnæring registered annual, files two-monthly',
    melding: primaer,
    ctx: register({ meldingskategori: 'primaernaering', terminType: 'aar' }),
  },
  {
    rule: 'R051',
    why: 'a member of a joint registration files itself',
    ctx: register({ rapporterendeEnhet: '315678439' }),
    path: '/mvaMeldingDto/skattepliktig',
  },
  {
    rule: 'R052',
    why: 'annual alminnelig return with 1.2 million in sales',
    melding: (m) =>
      withLines({ ...m, periode: { type: 'aar', value: 'aarlig', year: 2024 } }, [
        { mvaKode: '3', grunnlag: '1200000', sats: '25', merverdiavgift: '300000' },
      ]),
    ctx: (c) => register({ terminType: 'aar' })({ ...c, today: '2025-02-01' }),
  },
  {
    rule: 'R059',
    why: 'filed on the last day of the term',
    ctx: (c) => ({ ...c, today: '2025-06-30' }),
    path: PERIOD,
  },
  {
    rule: 'R059',
    why: 'bankrupt, but the term has not started',
    ctx: (c) => ({ ...c, today: '2025-04-30', entity: { organisasjonsform: 'AS', konkurs: true } }),
  },
  {
    rule: 'R060',
    why: 'primærnæring before the term has ended',
    melding: primaer,
    ctx: (c) => register({ meldingskategori: 'primaernaering' })({ ...c, today: '2025-06-01' }),
  },
  {
    rule: 'R061',
    why: 'March–April is missing and VAT is due',
    ctx: register({ submittedTerms: [{ type: 'toMaaneder', value: 'januar-februar', year: 2025 }] }),
    path: PERIOD,
  },
  {
    rule: 'R062',
    why: 'March–April is missing and a refund is claimed',
    melding: lines({ mvaKode: '1', merverdiavgift: '-2500' }),
    ctx: register({ submittedTerms: [{ type: 'toMaaneder', value: 'januar-februar', year: 2025 }] }),
  },
  {
    rule: 'R065',
    why: 'an input code with basis and rate',
    melding: lines(sale, { mvaKode: '1', grunnlag: '10000', sats: '25', merverdiavgift: '-2500' }),
    path: `${line(2)}/grunnlag`,
  },
  {
    rule: 'R066',
    why: 'a sale without rate',
    melding: lines({ mvaKode: '3', grunnlag: '20000', merverdiavgift: '5000' }),
    path: line(1),
  },
  {
    rule: 'R066',
    why: 'a zero-rated sale without basis and rate',
    melding: lines(sale, { mvaKode: '5', merverdiavgift: '0' }),
  },
  {
    rule: 'R069',
    why: 'an unknown specification',
    melding: lines({ ...sale, spesifikasjon: 'rabatt' }),
    path: `${line(1)}/spesifikasjon`,
  },
  {
    rule: 'R069',
    why: 'a compensation-only specification on an ordinary return',
    melding: lines(sale, {
      mvaKode: '1',
      spesifikasjon: 'justeringMerverdiavgiftskompensasjonFastEiendom',
      merverdiavgift: '-100',
    }),
  },
  {
    rule: 'R070',
    why: 'an unknown line remark',
    melding: lines({ ...sale, merknad: { utvalgtMerknad: 'glemt' } }),
    path: `${line(1)}/merknad`,
  },
  {
    rule: 'R070',
    why: 'a message-level remark on a line',
    melding: lines({ ...sale, merknad: { utvalgtMerknad: 'forlis' } }),
  },
  {
    rule: 'R071',
    why: 'a line-level remark on the message',
    melding: (m) => ({ ...m, merknad: { utvalgtMerknad: 'kreditnota' } }),
    path: '/mvaMeldingDto/merknad',
  },
  {
    rule: 'R072',
    why: 'registered only from September',
    ctx: register({ gyldigFra: '2025-09-01' }),
    path: PERIOD,
  },
  { rule: 'R072', why: 'registration ended before the term', ctx: register({ gyldigTil: '2025-04-30' }) },
  {
    rule: 'R073',
    why: 'primærnæring registration ended before the term',
    melding: primaer,
    ctx: register({ meldingskategori: 'primaernaering', gyldigTil: '2024-12-31' }),
  },
  {
    rule: 'R074',
    why: 'a remark not listed for code 3 with normal sign',
    melding: lines({ ...sale, merknad: { utvalgtMerknad: 'tjenesteeksport' } }),
    path: `${line(1)}/merknad`,
  },
  {
    rule: 'R075',
    why: 'a remark not listed for code 3 with opposite sign',
    melding: lines({
      ...sale,
      grunnlag: '-20000',
      merverdiavgift: '-5000',
      merknad: { utvalgtMerknad: 'store anskaffelser' },
    }),
  },
  {
    rule: 'R076',
    why: 'a remark listed for a reversal only with negative sign',
    melding: lines(sale, {
      mvaKode: '1',
      spesifikasjon: 'tilbakeføringAvInngåendeMerverdiavgift',
      merverdiavgift: '100',
      merknad: { utvalgtMerknad: 'kreditnota' },
    }),
  },
  {
    rule: 'R077',
    why: 'a 2021 term',
    melding: (m) => ({ ...m, periode: { ...m.periode, year: 2021 } }),
    ctx: register({ terminType: 'toMaaneder' }),
    path: PERIOD,
  },
  {
    rule: 'R078',
    why: 'a reversal without remark',
    melding: lines(sale, {
      mvaKode: '1',
      spesifikasjon: 'tilbakeføringAvInngåendeMerverdiavgift',
      merverdiavgift: '100',
    }),
    path: line(2),
  },
  {
    rule: 'R079',
    why: 'a KID with a wrong check digit',
    melding: (m) => ({ ...m, kid: '34000009324568709' }),
    path: '/mvaMeldingDto/betalingsinformasjon/kundeIdentifikasjonsnummer',
  },
  { rule: 'R079', why: 'a KID of one digit', melding: (m) => ({ ...m, kid: '0' }) },
  { rule: 'R079', why: 'a KID of 26 digits', melding: (m) => ({ ...m, kid: `${'0'.repeat(25)}0` }) },
  { rule: 'R079', why: 'a KID with letters', melding: (m) => ({ ...m, kid: '1234A' }) },
  {
    rule: 'R079',
    why: 'the registered account number as KID',
    melding: (m) => ({ ...m, kid: '12345678903' }),
  },
  {
    rule: 'R080',
    why: 'a refund without a registered account',
    melding: lines({ mvaKode: '1', merverdiavgift: '-2500' }),
    ctx: register({ kontonummer: undefined }),
    path: FASTSATT,
  },
  {
    rule: 'R081',
    why: 'an import line with basis but no rate',
    melding: lines(
      { mvaKode: '81', grunnlag: '10000', merverdiavgift: '2500' },
      { mvaKode: '81', merverdiavgift: '-2500' },
    ),
  },
  {
    rule: 'R082',
    why: 'øre in the VAT',
    melding: (m) => ({
      ...m,
      linjer: [{ ...sale, merverdiavgift: '5000.50' }],
      fastsattMerverdiavgift: '5000.50',
    }),
    path: `${line(1)}/merverdiavgift`,
  },
  { rule: 'R082', why: 'øre in the total', melding: (m) => ({ ...m, fastsattMerverdiavgift: '2500.5' }) },
  {
    rule: 'R083',
    why: 'a deduction on a one-off registration',
    ctx: register({ engangsregistrering: true }),
    path: line(2),
  },
  {
    rule: 'R084',
    why: 'a total without lines',
    melding: (m) => ({ ...m, linjer: [], fastsattMerverdiavgift: '100' }),
    path: FASTSATT,
  },
  {
    rule: 'R085',
    why: 'a basis above the maximum',
    melding: lines({
      mvaKode: '3',
      grunnlag: '1000000000000000',
      sats: '25',
      merverdiavgift: '250000000000000',
    }),
  },
  {
    rule: 'R104',
    why: 'an eHandel (VOEC) return',
    melding: (m) => ({ ...m, meldingskategori: 'eHandel' }),
    path: '/mvaMeldingDto/meldingskategori',
  },
  {
    rule: 'R114',
    why: 'compensation right on a domestic sale',
    melding: lines({ ...sale, spesifikasjon: 'kompensasjonsrett' }),
  },
  {
    rule: 'R116',
    why: 'compensation right without basis and rate',
    melding: lines(sale, { mvaKode: '86', spesifikasjon: 'kompensasjonsrett', merverdiavgift: '100' }),
  },
  {
    rule: 'R122',
    why: 'VAT as high as the basis',
    melding: lines({ mvaKode: '3', grunnlag: '100', sats: '25', merverdiavgift: '100' }),
  },
  {
    rule: 'R126',
    why: 'organisation form UDEF',
    ctx: (c) => ({ ...c, entity: { organisasjonsform: 'UDEF' } }),
    path: '/mvaMeldingDto/skattepliktig',
  },
  { rule: 'R127', why: 'zero VAT on a 20 000 kroner sale', melding: lines({ ...sale, merverdiavgift: '0' }) },
  {
    rule: 'R127',
    why: 'zero VAT on a withdrawal',
    melding: lines({ ...sale, spesifikasjon: 'uttak', merverdiavgift: '0' }),
  },
  {
    rule: 'R131',
    why: 'deleted from Enhetsregisteret before the term',
    ctx: (c) => ({ ...c, entity: { organisasjonsform: 'AS', slettedato: '2024-12-31' } }),
  },
  {
    rule: 'R132',
    why: 'filed more than three years after the deadline',
    ctx: (c) => ({ ...c, today: '2028-09-02' }),
    path: PERIOD,
  },
  {
    rule: 'R133',
    why: 'filed more than five years after the term',
    ctx: (c) => ({ ...c, today: '2030-07-01' }),
  },
  {
    rule: 'ORGNR_MISMATCH',
    why: 'the payload names another organisation',
    ctx: (c) => ({ ...c, expectedOrgnr: '315678439' }),
  },
  {
    rule: 'ORGNR_MOD11',
    why: 'the official example number fails MOD11',
    melding: (m) => ({ ...m, orgnr: '913238254' }),
    ctx: (c) => ({ ...c, expectedOrgnr: '913238254', checkOrgnrMod11: true }),
  },
];

describe('validation rules', () => {
  it('passes the valid fixture without any finding', () => {
    expect(validate(validMelding())).toEqual(
      expect.objectContaining({ status: 'GYLDIG_SKATTEMELDING', violations: [] }),
    );
  });

  it.each(CASES.map((c) => [c.rule, c.why, c] as const))('%s: %s', (rule, _why, c) => {
    const melding = (c.melding ?? ((m) => m))(validMelding());
    const ctx = (c.ctx ?? ((x) => x))(validContext());
    const result = validate(melding, ctx);
    const found = result.violations.find((v) => v.ruleId === rule);
    expect(found).toBeDefined();
    const expectedStatus = found!.severity === 'rejected' ? 'UGYLDIG_SKATTEMELDING' : expect.any(String);
    expect(result.status).toEqual(expectedStatus);
    expect(found!.message.length).toBeGreaterThan(10);
    expect(found!.avvikstype).toBe(
      found!.severity === 'rejected' ? 'ugyldig skattemelding' : 'avvikende skattemelding',
    );
    if (c.path) expect(found!.path).toBe(c.path);
    expect(found!.line).toEqual(expect.any(Number));
  });

  it('covers every rule of the catalogue that a document and its context can trip', () => {
    const covered = new Set(CASES.map((c) => c.rule));
    // R053/R054 cannot fire with the official code lists (every known code is allowed for ordinary
    // returns; unknown codes are R002), R001 has its own suite.
    for (const rule of [
      'R002',
      'R003',
      'R018',
      'R019',
      'R020',
      'R021',
      'R038',
      'R041',
      'R047',
      'R051',
      'R052',
      'R059',
      'R060',
      'R061',
      'R062',
      'R065',
      'R066',
      'R069',
      'R070',
      'R071',
      'R072',
      'R073',
      'R074',
      'R075',
      'R076',
      'R077',
      'R078',
      'R079',
      'R080',
      'R081',
      'R082',
      'R083',
      'R084',
      'R085',
      'R104',
      'R114',
      'R116',
      'R122',
      'R126',
      'R127',
      'R131',
      'R132',
      'R133',
    ])
      expect(covered).toContain(rule);
    for (let n = 23; n <= 37; n++) expect(covered).toContain(`R0${n}`);
  });
});

describe('what the rules let through', () => {
  const ok = (melding: MvaMelding, ctx?: MvaValidationContext) => expect(ruleIds(melding, ctx)).toEqual([]);

  it('accepts VAT rounded down from øre (14141 × 25 % = 3535.25 → 3535)', () => {
    ok(withLines(validMelding(), [{ mvaKode: '3', grunnlag: '14141', sats: '25', merverdiavgift: '3535' }]));
  });

  it('accepts floor or truncation on a credit note with a remark', () => {
    for (const vat of ['-3535', '-3536'])
      ok(
        withLines(validMelding(), [
          {
            mvaKode: '3',
            grunnlag: '-14141',
            sats: '25',
            merverdiavgift: vat,
            merknad: { utvalgtMerknad: 'kreditnota' },
          },
        ]),
      );
  });

  it('accepts the raw-fish rate with its decimal comma', () => {
    ok(
      withLines(validMelding(), [
        { mvaKode: '32', grunnlag: '10000', sats: '11,11', merverdiavgift: '1111' },
      ]),
    );
  });

  it('accepts the low rate of 6 % in a 2021 term when R077 is switched off', () => {
    const melding = withLines(
      { ...validMelding(), periode: { type: 'toMaaneder', value: 'mai-juni', year: 2021 } },
      [{ mvaKode: '33', grunnlag: '1000', sats: '6', merverdiavgift: '60' }],
    );
    const ctx = { ...validContext(), today: '2021-07-15', enforceR077: false };
    ok(melding, ctx);
    expect(ruleIds(melding, { ...ctx, enforceR077: true })).toEqual(['R077']);
  });

  it('accepts a positive deduction that is a loss on receivables, and a reversal with a remark', () => {
    ok(
      withLines(validMelding(), [sale, { mvaKode: '1', spesifikasjon: 'tapPåKrav', merverdiavgift: '-100' }]),
    );
    ok(
      withLines(validMelding(), [
        sale,
        {
          mvaKode: '1',
          spesifikasjon: 'tilbakeføringAvInngåendeMerverdiavgift',
          merverdiavgift: '100',
          merknad: { utvalgtMerknad: 'personkjøretøy' },
        },
      ]),
    );
  });

  it('accepts a return filed before the term ends when the business is bankrupt or being wound up', () => {
    for (const entity of [
      { organisasjonsform: 'AS', konkurs: true },
      { organisasjonsform: 'AS', underAvvikling: true },
      { organisasjonsform: 'KBO' },
    ])
      ok(validMelding(), { ...validContext(), today: '2025-06-10', entity });
  });

  it('accepts a primærnæring return after a shipwreck before the term ends', () => {
    const melding = { ...primaer(validMelding()), merknad: { utvalgtMerknad: 'forlis' } } as MvaMelding;
    ok(melding, register({ meldingskategori: 'primaernaering' })({ ...validContext(), today: '2025-06-10' }));
  });

  it('accepts KIDs with a MOD10 check digit, a MOD11 check digit, and a MOD11 check written as a hyphen', () => {
    ok({ ...validMelding(), kid: '12345678903' }, register({ kontonummer: '98765432106' })(validContext()));
    ok({ ...validMelding(), kid: '1234560' });
    ok({ ...validMelding(), kid: '100008-' });
    ok({ ...validMelding(), kid: '34000009324568708' });
  });

  it('skips register rules without register facts and entity rules without entity facts', () => {
    const ctx: MvaValidationContext = { today: '2025-07-15' };
    ok(validMelding(), ctx);
    expect(ruleIds(validMelding(), { ...ctx, today: '2025-06-30' })).toEqual(['R059']);
  });

  it('does not count terms before the registration or not yet due as missing', () => {
    ok(
      validMelding(),
      register({
        gyldigFra: '2025-03-01',
        submittedTerms: [{ type: 'toMaaneder', value: 'mars-april', year: 2025 }],
      })(validContext()),
    );
  });

  it('flags every finding with the line it was found on', () => {
    const result = validate(withTotal(withLines(validMelding(), [sale, { ...sale, merverdiavgift: '1' }])));
    const r019 = result.violations.find((v) => v.ruleId === 'R019')!;
    expect(r019).toEqual(
      expect.objectContaining({ path: `${line(2)}/merverdiavgift`, mvaKode: '3', severity: 'deviation' }),
    );
    expect(result.status).toBe('AVVIKENDE_SKATTEMELDING');
  });

  it('lets zero VAT through where basis × rate is below one krone', () => {
    ok(withLines(validMelding(), [{ mvaKode: '3', grunnlag: '3', sats: '25', merverdiavgift: '0' }]));
  });

  it('refuses week 53 of a year that has 52 ISO weeks as a format error', () => {
    const melding = { ...validMelding(), periode: { type: 'uke' as const, value: 'uke 53', year: 2025 } };
    expect(validate(melding).violations).toEqual([
      expect.objectContaining({ ruleId: 'R001', details: '2025 has no ISO week 53' }),
    ]);
  });

  it('keeps the orgnr of the fixture valid', () => {
    expect(validMelding().orgnr).toBe(ORGNR);
  });
});
