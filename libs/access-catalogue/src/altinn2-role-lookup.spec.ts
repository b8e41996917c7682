import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_CATALOGUE_DATA_DIR, loadAccessCatalogue } from './load-catalogue';
import { Altinn2RoleMappingSchema } from './lookup-result-schemas';

const catalogue = loadAccessCatalogue();
const CONFIDENTIAL_MAIL = 'urn:altinn:accesspackage:post-til-virksomheten-med-taushetsbelagt-innhold';

interface RawRole {
  code: string;
  status: string;
  packages: string[];
  basis: string[];
  note?: string;
  confidence?: string;
}
const rawRoles = (
  JSON.parse(readFileSync(path.join(DEFAULT_CATALOGUE_DATA_DIR, 'altinn2-role-mapping.json'), 'utf8')) as {
    roles: RawRole[];
  }
).roles;

function role(code: string) {
  const mapping = catalogue.altinn2Role(code);
  if (!mapping) throw new Error(`${code} should be in the catalogue`);
  return mapping;
}

describe('Altinn 2 role → access packages', () => {
  it('gives an official one-to-one successor for the accountant client role A0239', () => {
    const a0239 = role('A0239');
    expect(a0239).toMatchObject({
      code: 'A0239',
      name_nb: 'Regnskapsfører med signeringsrettighet',
      status: 'official-automatic',
      automatic_transfer: true,
      shape: 'one-to-one',
      merges_with: [],
      confidence: { level: 'official', data_confidence: null, note: null },
    });
    expect(a0239.successor_packages).toEqual([
      expect.objectContaining({
        urn: 'urn:altinn:accesspackage:regnskapsforer-med-signeringsrettighet',
        name: {
          nb: 'Regnskapsfører med signeringsrettighet',
          nn: expect.any(String),
          en: expect.any(String),
        },
        area: expect.objectContaining({ name_nb: 'Fullmakter for regnskapsfører' }),
        area_group: { name_nb: 'Særskilt', name_en: 'Special' },
        is_delegable: true,
        is_assignable: false,
      }),
    ]);
    expect(a0239.granted_in_altinn2_by).toEqual([
      {
        code: 'REGN',
        qualifier: null,
        kind: 'er',
        role_urn: 'urn:altinn:external-role:ccr:regnskapsforer',
        name_nb: 'Regnskapsfører',
      },
    ]);
    expect(Altinn2RoleMappingSchema.parse(a0239)).toEqual(a0239);
  });

  it('maps HADM to the main administrator package, which cannot be delegated', () => {
    const hadm = role('HADM');
    expect(hadm.shape).toBe('one-to-one');
    expect(hadm.confidence.level).toBe('official');
    expect(hadm.successor_packages.map((pkg) => [pkg.urn, pkg.is_delegable])).toEqual([
      ['urn:altinn:accesspackage:hovedadministrator', false],
    ]);
  });

  it.each(['LOPER', 'REGNA'])('splits %s over several candidate packages, marked as inference', (code) => {
    const mapping = role(code);
    const raw = rawRoles.find((entry) => entry.code === code) as RawRole;
    expect(mapping.shape).toBe('split');
    expect(mapping.status).toBe('candidate-split');
    expect(mapping.automatic_transfer).toBe(false);
    expect(mapping.confidence).toEqual({
      level: 'inferred',
      data_confidence: 'medium',
      basis: raw.basis,
      note: raw.note ?? null,
    });
    expect(mapping.successor_packages.map((pkg) => pkg.urn)).toEqual(raw.packages);
    expect(mapping.successor_packages.length).toBeGreaterThan(1);
  });

  it('collapses A0286, A0287 and A0288 into confidential mail without upgrading the inferred two', () => {
    for (const code of ['A0286', 'A0287', 'A0288']) {
      const mapping = role(code);
      expect(mapping.shape).toBe('merge');
      expect(mapping.successor_packages.map((pkg) => pkg.urn)).toEqual([CONFIDENTIAL_MAIL]);
      expect(mapping.merges_with.map((other) => other.code).sort()).toEqual(
        ['A0286', 'A0287', 'A0288'].filter((other) => other !== code),
      );
      expect(mapping.merges_with.every((other) => other.shared_packages.includes(CONFIDENTIAL_MAIL))).toBe(
        true,
      );
    }
    expect(role('A0286').confidence.level).toBe('name-equivalent');
    expect(role('A0287').confidence.level).toBe('inferred');
    expect(role('A0288').confidence).toMatchObject({ level: 'inferred', data_confidence: 'low' });
  });

  it('calls a split role that shares a package with another role split-and-merge', () => {
    const uiluf = role('UILUF');
    expect(uiluf.shape).toBe('split-and-merge');
    expect(uiluf.merges_with).toEqual([
      expect.objectContaining({ code: 'A0294', shared_packages: ['urn:altinn:accesspackage:veitransport'] }),
    ]);
  });

  it.each([
    ['UTINN', 'no-direct-successor'],
    ['HVASK', 'no-known-successor'],
    ['ECKEYROLE', 'official-no-successor-in-catalogue'],
  ])('says %s has no successor (%s)', (code, status) => {
    const mapping = role(code);
    expect(mapping).toMatchObject({ status, shape: 'no-successor', successor_packages: [], merges_with: [] });
    expect(mapping.confidence.level).toBe('none');
    expect(mapping.automatic_transfer).toBe(false);
  });

  it('keeps the main-admin qualifier on who granted the role in Altinn 2', () => {
    expect(role('UTINN').granted_in_altinn2_by).toContainEqual({
      code: 'HADM',
      qualifier: 'Altinn 3 main-admin role, delegate-only',
      kind: 'altinn3',
      role_urn: 'urn:altinn:role:hovedadministrator',
      name_nb: 'Hovedadministrator',
    });
    expect(role('UTINN').granted_in_altinn2_by).toContainEqual(
      expect.objectContaining({ code: 'PRIV', kind: 'altinn3' }),
    );
  });

  it.each(['utinn', 'Utinn', ' UTINN ', 'urn:altinn:rolecode:utinn', 'URN:ALTINN:ROLECODE:UTINN'])(
    'finds UTINN when asked for %p',
    (input) => {
      expect(catalogue.altinn2Role(input)?.code).toBe('UTINN');
    },
  );

  it('returns nothing for a code that is not an Altinn 2 role', () => {
    expect(catalogue.altinn2Role('NOPE')).toBeUndefined();
    expect(catalogue.altinn2Role('DAGL')).toBeUndefined();
  });

  it('agrees with the data file on every role: status, basis and successor URNs are copied, not rewritten', () => {
    for (const raw of rawRoles) {
      const mapping = role(raw.code.toLowerCase());
      expect(mapping.status).toBe(raw.status);
      expect(mapping.confidence.basis).toEqual(raw.basis);
      expect(mapping.confidence.note).toBe(raw.note ?? null);
      expect(mapping.confidence.data_confidence).toBe(raw.confidence ?? null);
      expect(mapping.successor_packages.map((pkg) => pkg.urn)).toEqual(raw.packages);
      expect(mapping.automatic_transfer).toBe(raw.status === 'official-automatic');
      // Never upgraded: only Digdir's automatic conversion is official, only name-equivalent is name-equivalent.
      expect(mapping.confidence.level === 'official').toBe(raw.status === 'official-automatic');
      expect(mapping.confidence.level === 'name-equivalent').toBe(raw.status === 'name-equivalent');
      expect(mapping.confidence.level === 'none').toBe(raw.packages.length === 0);
    }
  });
});

describe('close matches for a code nobody recognises', () => {
  it.each([
    ['UTIN', 'UTINN'],
    ['utinnn', 'UTINN'],
    ['LOPR', 'LOPER'],
    ['REGAN', 'REGNA'],
    ['A024', 'A0240'],
    ['HADMN', 'HADM'],
  ])('suggests %s → %s first', (input, expected) => {
    expect(catalogue.closeMatches(input)[0]).toMatchObject({ code: expected, matched_on: 'code' });
  });

  it('matches on role names too, with or without Norwegian letters', () => {
    const byName = catalogue.closeMatches('regnskap').map((match) => match.code);
    expect(byName).toEqual(expect.arrayContaining(['REGNA', 'A0239', 'A0240', 'A0241']));
    expect(catalogue.closeMatches('personalmedarbeider')[0]).toMatchObject({
      code: 'LOPER',
      matched_on: 'name',
    });
    expect(catalogue.closeMatches('lonn').map((match) => match.code)).toContain('LOPER');
  });

  it('returns at most five, and none for gibberish', () => {
    expect(catalogue.closeMatches('A02').length).toBeLessThanOrEqual(5);
    expect(catalogue.closeMatches('QQQQQQQQ')).toEqual([]);
    expect(catalogue.closeMatches('')).toEqual([]);
  });
});
