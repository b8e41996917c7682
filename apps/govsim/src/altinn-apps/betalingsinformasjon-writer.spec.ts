import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { type AppInstance, TASKS } from './app-instance';
import { BetalingsinformasjonWriter, SKATTEETATEN_MVA_KONTO } from './betalingsinformasjon-writer';
import { isValidMod10 } from './kid-number';

const XSD = readFileSync(
  path.join(
    __dirname,
    'testdata',
    'no.skatteetaten.fastsetting.avgift.mva.skattemeldingformerverdiavgift.betalingsinformasjon.v1.0.xsd',
  ),
  'utf8',
);

const instance = {
  guid: '55604b08-1690-4a8d-bf6b-95c11dc40c58',
  partyId: '531567842',
  orgnr: '315678420',
  currentTask: { definition: TASKS.feedback, started: '2026-07-15T10:00:00.000Z', flow: 4 },
} as AppInstance;

const write = (
  periode: { type: 'toMaaneder' | 'aar' | 'maaned'; value: string; year: number },
  kategori = 'alminnelig',
) =>
  new BetalingsinformasjonWriter().write(instance, {
    regnskapssystemsreferanse: 'ref',
    periode,
    meldingskategori: kategori as 'alminnelig',
    fastsattMerverdiavgift: '-1250',
    valideringsresultatXml: '',
  });

const field = (xml: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];

describe('betalingsinformasjon.xml', () => {
  it('passes the official XSD (checked by libxml2)', async () => {
    for (const xml of [
      write({ type: 'toMaaneder', value: 'mai-juni', year: 2026 }),
      write({ type: 'aar', value: 'aarlig', year: 2025 }, 'primaernaering'),
      write({ type: 'maaned', value: 'desember', year: 2025 }),
    ]) {
      const result = await validateXML({
        xml: [{ fileName: 'betalingsinformasjon.xml', contents: xml }],
        schema: [{ fileName: 'betalingsinformasjon.xsd', contents: XSD }],
      });
      expect(result.errors).toEqual([]);
      expect(result.valid).toBe(true);
    }
  });

  it('carries the instance id, the amount as delivered and the deadline of the calendar', () => {
    const xml = write({ type: 'toMaaneder', value: 'mai-juni', year: 2026 });
    expect(field(xml, 'innsendingsreferanse')).toBe('531567842/55604b08-1690-4a8d-bf6b-95c11dc40c58');
    expect(field(xml, 'beloep')).toBe('-1250');
    expect(field(xml, 'betalingsfrist')).toBe('2026-08-31');
    expect(field(xml, 'norskKontonummer')).toBe(SKATTEETATEN_MVA_KONTO);
    expect(field(xml, 'betaleTil')).toBe('Skatteetaten');
    // Annual primary-industry returns are due 10 April; 10 April 2026 is a Friday.
    expect(
      field(write({ type: 'aar', value: 'aarlig', year: 2025 }, 'primaernaering'), 'betalingsfrist'),
    ).toBe('2026-04-10');
  });

  it('gives every term its own valid MOD10 KID, the same each time', () => {
    const kid = (value: string) =>
      field(write({ type: 'toMaaneder', value, year: 2026 }), 'kundeidentifikasjonsnummer')!;
    expect(isValidMod10(kid('mai-juni'))).toBe(true);
    expect(kid('mai-juni')).toBe(kid('mai-juni'));
    expect(kid('mai-juni')).not.toBe(kid('mars-april'));
    expect(kid('mai-juni').startsWith('315678420')).toBe(true);
  });
});
