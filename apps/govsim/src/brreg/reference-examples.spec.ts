import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type RunningGovsim, startGovsim } from '../testing/govsim-test-app';

const API = '/enhetsregisteret/api';

/** The reference example re-serialised compactly, so key order is compared too. */
const reference = (file: string) =>
  JSON.stringify(JSON.parse(readFileSync(join(__dirname, 'reference-examples', file), 'utf8')));

describe('Enhetsregisteret simulator served as data.brreg.no', () => {
  let asBrreg: RunningGovsim;
  beforeAll(async () => {
    asBrreg = await startGovsim({ publicBaseUrl: 'https://data.brreg.no', syntheticCompanies: 0 });
  });
  afterAll(async () => {
    await asBrreg.app.close();
  });

  it.each([
    [`${API}/enheter/315678420`, 'enhet_315678420.json'],
    [`${API}/enheter/315678609`, 'enhet_slettet_315678609.json'],
    [`${API}/enheter/315678420/roller`, 'roller_315678420.json'],
    [`${API}/underenheter/315678447`, 'underenhet_315678447.json'],
  ])('answers %s byte for byte like the reference example', async (url, file) => {
    const response = await asBrreg.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(reference(file));
  });
});
