import { FIXTURE_ORGNRS as ORGNR, FIXTURE_UNDERENHET_ORGNRS as SUB } from '../fixtures/fixture-orgnrs';
import { type RunningGovsim, startGovsim } from '../testing/govsim-test-app';

const OVERSIKT = '/nav/aareg/api/v1/opplysningspliktig/arbeidsgiveroversikt';

interface Row {
  arbeidsgiver: { type: string; organisasjonsnummer: string };
  aktiveArbeidsforhold: number;
  inaktiveArbeidsforhold: number;
}

describe('NAV Aa-registeret arbeidsgiveroversikt', () => {
  let govsim: RunningGovsim;
  beforeAll(async () => {
    govsim = await startGovsim();
  });
  afterAll(async () => {
    await govsim.app.close();
  });
  const oversikt = (ident?: string) =>
    govsim.inject({
      method: 'GET',
      url: OVERSIKT,
      headers: ident === undefined ? {} : { 'Nav-Opplysningspliktigident': ident },
    });
  const activeTotal = (rows: Row[]) => rows.reduce((sum, row) => sum + row.aktiveArbeidsforhold, 0);

  it('gives one row per workplace of the sandbox, adding up to Brreg’s 14 employees', async () => {
    const response = await oversikt(ORGNR.sandbox);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual([
      {
        arbeidsgiver: { type: 'Organisasjon', organisasjonsnummer: SUB.sandboxOslo },
        aktiveArbeidsforhold: 8,
        inaktiveArbeidsforhold: 1,
      },
      {
        arbeidsgiver: { type: 'Organisasjon', organisasjonsnummer: SUB.sandboxBergen },
        aktiveArbeidsforhold: 4,
        inaktiveArbeidsforhold: 0,
      },
      {
        arbeidsgiver: { type: 'Organisasjon', organisasjonsnummer: SUB.sandboxTromso },
        aktiveArbeidsforhold: 2,
        inaktiveArbeidsforhold: 1,
      },
    ]);
  });

  it('reconciles with Brreg antallAnsatte for every consistent company in the world', async () => {
    for (const { enhet, registerStatus } of govsim.world.all()) {
      if (registerStatus !== 'aktiv') continue;
      const rows: Row[] = (await oversikt(enhet.organisasjonsnummer)).json();
      if (enhet.organisasjonsnummer === ORGNR.employmentConflict) {
        expect({ brreg: enhet.antallAnsatte, nav: activeTotal(rows) }).toEqual({ brreg: 12, nav: 9 });
      } else {
        expect(activeTotal(rows)).toBe(enhet.antallAnsatte ?? 0);
      }
    }
  });

  it('answers a company without workplaces with an empty list', async () => {
    const response = await oversikt(ORGNR.noEmployeesReported);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual([]);
  });

  it('refuses a missing or invalid Nav-Opplysningspliktigident header with 400', async () => {
    for (const ident of [undefined, '', '12345', '123456789']) {
      const response = await oversikt(ident);
      expect(response.statusCode).toBe(400);
      expect(response.json().meldinger).toHaveLength(1);
    }
  });

  it('answers 404 for an organisation that is not a known opplysningspliktig', async () => {
    expect((await oversikt('315678404')).statusCode).toBe(404);
    expect((await oversikt(SUB.sandboxOslo)).statusCode).toBe(404);
  });
});
