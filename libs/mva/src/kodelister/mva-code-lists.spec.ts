import { ApierError } from '@apier/contracts';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadMvaData, MVA_DATA_DIR, mvaData } from '../mva-data';
import { mvaRuleCatalogue } from '../rule-catalogue';

const sorted = (codes: Set<string>) => [...codes].sort((a, b) => Number(a) - Number(b));

describe('the official code lists as the rules read them', () => {
  const lists = mvaData().codeLists;

  it('derive the code sets the rule texts enumerate', () => {
    expect(sorted(lists.codesWithDirection('inngaaende'))).toEqual(['1', '11', '12', '13', '14', '15']); // R065
    expect(sorted(lists.codesWithDirection('utgaaende'))).toEqual([
      '3',
      '5',
      '6',
      '31',
      '32',
      '33',
      '51',
      '52',
      '82',
      '84',
      '85',
      '87',
      '89',
      '92',
    ]); // R066
    expect(sorted(lists.codesWithDirection('begge'))).toEqual(['81', '83', '86', '88', '91']); // R081
    expect(sorted(lists.codesFlagged('tapPaaKrav'))).toEqual(['1', '11', '12', '13']); // R038
    expect(sorted(lists.codesFlagged('uttak'))).toEqual(['3', '5', '31', '33']); // R039
    expect(sorted(lists.codesFlagged('justering'))).toEqual(['1', '81']); // R040
    expect(sorted(lists.codesFlagged('tilbakefoeringAvInngaaendeMerverdiavgift'))).toEqual(['1', '81']); // R041
    expect(sorted(lists.codesFlagged('kompensasjonsrett'))).toEqual(['81', '83', '86', '88', '91']); // R114
    expect(sorted(lists.salesCodes())).toEqual(['3', '5', '31', '32', '33', '51', '52']); // R052
  });

  it('allow every code R053/R054 lists for ordinary returns', () => {
    const r053 = [
      '1',
      '11',
      '12',
      '13',
      '14',
      '15',
      '3',
      '31',
      '32',
      '33',
      '5',
      '51',
      '52',
      '6',
      '81',
      '82',
      '83',
      '84',
      '85',
      '86',
      '87',
      '88',
      '89',
      '91',
      '92',
    ];
    expect(
      sorted(
        new Set(
          [...lists.koder.values()].filter((k) => k.categories.has('alminneligPrimær')).map((k) => k.kode),
        ),
      ),
    ).toEqual(sorted(new Set(r053)));
  });

  it('give the rates valid for a code in a term', () => {
    expect(lists.validRates('3', 'alminnelig', '2025-01-01', '2025-02-28')).toEqual(new Set(['25']));
    expect(lists.validRates('33', 'alminnelig', '2025-01-01', '2025-02-28')).toEqual(new Set(['12']));
    expect(lists.validRates('33', 'alminnelig', '2020-05-01', '2020-06-30')).toEqual(new Set(['6']));
    expect(lists.validRates('33', 'alminnelig', '2021-09-01', '2021-10-31')).toEqual(new Set(['6', '12']));
    expect(lists.validRates('32', 'alminnelig', '2025-01-01', '2025-02-28')).toEqual(new Set(['11,11']));
    expect(lists.validRates('6', 'alminnelig', '2025-01-01', '2025-02-28')).toEqual(new Set(['0']));
    expect(lists.validRates('3', 'eHandel', '2025-01-01', '2025-02-28')).toEqual(new Set());
  });
});

describe('the rule catalogue', () => {
  it('has an official message for every verbatim rule and marks the rest', () => {
    const catalogue = mvaRuleCatalogue();
    expect(catalogue.find((r) => r.ruleId === 'R066')).toEqual({
      ruleId: 'R066',
      name: 'MVA_KODE_FOR_UTGÅENDE_AVGIFT_MANGLER_GRUNNLAG_OG_SATS',
      severity: 'rejected',
      message: 'Beløp som gjelder utgående avgift skal ha med grunnlag og sats.',
      source: expect.stringContaining('Skatteetaten/mva-meldingen@036a773b'),
    });
    expect(catalogue.filter((r) => r.source === '[not verbatim]').map((r) => r.ruleId)).toEqual([
      'R126',
      'R127',
      'R131',
      'R132',
      'R133',
    ]);
    expect(catalogue.find((r) => r.ruleId === 'R019')!.severity).toBe('deviation');
  });
});

describe('loading the reference data', () => {
  const copy = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mva-data-'));
    cpSync(MVA_DATA_DIR, dir, { recursive: true });
    return dir;
  };

  it('fails loudly, as an internal error, on a damaged code list', () => {
    const dir = copy();
    writeFileSync(path.join(dir, 'kodelister', 'sats.xml'), '<kodeliste xmlns="urn:other"/>');
    expect(() => loadMvaData(dir)).toThrow(ApierError);
    expect(() => loadMvaData(dir)).toThrow(/sats.xml|kodeliste/);
  });

  it('fails on an XSD using a construct the validator does not understand', () => {
    const dir = copy();
    const file = path.join(dir, 'xsd', 'no.skatteetaten.fastsetting.avgift.mva.valideringsresultat.v1.xsd');
    writeFileSync(
      file,
      '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema"><xsd:group name="g"/></xsd:schema>',
    );
    expect(() => loadMvaData(dir)).toThrow(/xsd:group/);
  });

  it('fails on a catalogue that lists a rule twice', () => {
    const dir = copy();
    const rule = { ruleId: 'R001', name: 'x', severity: 'UGYLDIG_SKATTEMELDING', message: 'm', source: 's' };
    writeFileSync(
      path.join(dir, 'regelkatalog.json'),
      JSON.stringify({ schema: 'apier-mva-regelkatalog/v1', rules: [rule, rule] }),
    );
    expect(() => loadMvaData(dir)).toThrow(/twice/);
  });
});
