import { EntitySchema, RoleGroupSchema } from '@apier/contracts';
import { mapEntity } from './map-entity';
import { mapRoles } from './map-roles';

// Shapes as Enhetsregisteret returns them (field names from the open data API).
const enhet = {
  organisasjonsnummer: '315678420',
  navn: 'FJORDLYS TESTDATA AS',
  organisasjonsform: { kode: 'AS', beskrivelse: 'Aksjeselskap', _links: { self: { href: 'x' } } },
  postadresse: {
    land: 'Norge',
    landkode: 'NO',
    postnummer: '5804',
    poststed: 'BERGEN',
    adresse: ['Postboks 1234 Sentrum'],
    kommune: 'BERGEN',
    kommunenummer: '4601',
  },
  registreringsdatoEnhetsregisteret: '2019-03-14',
  registrertIMvaregisteret: true,
  naeringskode1: { kode: '62.010', beskrivelse: 'Programmeringstjenester' },
  naeringskode2: { kode: '62.020', beskrivelse: 'Konsulentvirksomhet tilknyttet informasjonsteknologi' },
  harRegistrertAntallAnsatte: true,
  antallAnsatte: 27,
  forretningsadresse: {
    land: 'Norge',
    landkode: 'NO',
    postnummer: '5003',
    poststed: 'BERGEN',
    adresse: ['Strandkaien 99'],
    kommune: 'BERGEN',
    kommunenummer: '4601',
  },
  stiftelsesdato: '2019-02-28',
  institusjonellSektorkode: { kode: '2100', beskrivelse: 'Private aksjeselskaper mv.' },
  registrertIForetaksregisteret: true,
  sisteInnsendteAarsregnskap: '2024',
  konkurs: false,
  underAvvikling: false,
  underTvangsavviklingEllerTvangsopplosning: false,
  respons_klasse: 'Enhet',
};

describe('Brreg → company context mapping', () => {
  it('maps a main unit with its sub-units', () => {
    const entity = mapEntity(enhet, {
      _embedded: {
        underenheter: [
          { organisasjonsnummer: '315678447', navn: 'FJORDLYS TESTDATA AS AVD STAVANGER', antallAnsatte: 6 },
        ],
      },
    });
    expect(EntitySchema.parse(entity)).toEqual(entity);
    expect(entity).toMatchObject({
      orgnr: '315678420',
      status: 'active',
      organisation_form: { code: 'AS', description: 'Aksjeselskap' },
      nace_codes: [{ code: '62.010' }, { code: '62.020' }],
      employees: { reported: true, count: 27 },
      registered_in_vat_register: true,
      business_address: {
        lines: ['Strandkaien 99'],
        postal_code: '5003',
        municipality_number: '4601',
        country_code: 'NO',
      },
      sub_units: [{ orgnr: '315678447', employees: 6 }],
      bankruptcy: { bankrupt: false, since: null },
    });
  });

  it('decides "deleted" from the response class of a 200 SlettetEnhet body, not the status code', () => {
    const entity = mapEntity(
      {
        respons_klasse: 'SlettetEnhet',
        organisasjonsnummer: '315678609',
        navn: 'NEDLAGT TESTDATA AS',
        organisasjonsform: { kode: 'AS', beskrivelse: 'Aksjeselskap' },
        slettedato: '2025-06-01',
      },
      null,
    );
    expect(entity).toMatchObject({
      status: 'deleted',
      deleted_at: '2025-06-01',
      sub_units: [],
      employees: { reported: false, count: null },
    });
  });

  it('keeps bankruptcy and liquidation with their dates', () => {
    const entity = mapEntity(
      {
        ...enhet,
        konkurs: true,
        konkursdato: '2026-03-01',
        underAvvikling: true,
        underAvviklingDato: '2026-02-01',
      },
      null,
    );
    expect(entity.bankruptcy).toEqual({ bankrupt: true, since: '2026-03-01' });
    expect(entity.liquidation).toEqual({ under_liquidation: true, since: '2026-02-01' });
  });

  it('does not invent an employee count when none is registered', () => {
    expect(
      mapEntity({ ...enhet, harRegistrertAntallAnsatte: false, antallAnsatte: undefined }, null).employees,
    ).toEqual({ reported: false, count: null });
  });

  it('maps person and organisation role holders and treats fratraadt or avregistrert as inactive', () => {
    const groups = mapRoles({
      rollegrupper: [
        {
          type: { kode: 'STYR', beskrivelse: 'Styre' },
          sistEndret: '2024-05-15',
          roller: [
            {
              type: { kode: 'LEDE', beskrivelse: 'Styrets leder' },
              person: {
                fodselsdato: '1970-02-02',
                navn: { fornavn: 'Ola', mellomnavn: 'Fiktiv', etternavn: 'Prøvesen' },
                erDoed: false,
              },
              fratraadt: false,
              avregistrert: false,
              rekkefolge: 0,
            },
            {
              type: { kode: 'MEDL', beskrivelse: 'Styremedlem' },
              person: { navn: { fornavn: 'Kari', etternavn: 'Eksempeldatter' } },
              valgtAv: { kode: 'AREP', beskrivelse: 'Representant for de ansatte' },
              fratraadt: true,
              rekkefolge: 1,
            },
            {
              type: { kode: 'VARA', beskrivelse: 'Varamedlem' },
              person: { navn: { fornavn: 'Per', etternavn: 'Vara' } },
              avregistrert: true,
            },
          ],
        },
        {
          type: { kode: 'REVI', beskrivelse: 'Revisor' },
          roller: [
            {
              type: { kode: 'REVI', beskrivelse: 'Revisor' },
              enhet: {
                organisasjonsnummer: '315678439',
                navn: ['REVISJON', 'TESTDATA AS'],
                erSlettet: false,
              },
            },
          ],
        },
      ],
    });
    expect(groups.map((g) => RoleGroupSchema.parse(g))).toEqual(groups);
    const [styre, revisor] = groups;
    expect(styre!.roles.map((r) => [r.code, r.active])).toEqual([
      ['LEDE', true],
      ['MEDL', false],
      ['VARA', false],
    ]);
    expect(styre!.roles[0]!.holder).toEqual({
      kind: 'person',
      name: 'Ola Fiktiv Prøvesen',
      birth_date: '1970-02-02',
      deceased: false,
    });
    expect(styre!.roles[1]!.elected_by).toEqual({ code: 'AREP', description: 'Representant for de ansatte' });
    expect(revisor!.roles[0]!.holder).toEqual({
      kind: 'organisation',
      orgnr: '315678439',
      name: 'REVISJON TESTDATA AS',
      deleted: false,
    });
  });

  it('gives an empty role list when Brreg has none', () => {
    expect(mapRoles(null)).toEqual([]);
    expect(mapRoles({})).toEqual([]);
  });
});
