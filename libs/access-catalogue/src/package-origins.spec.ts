import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AccessCatalogueError } from './access-catalogue-error';
import { DEFAULT_CATALOGUE_DATA_DIR, loadAccessCatalogue } from './load-catalogue';
import { PackageOriginsSchema } from './lookup-result-schemas';

const catalogue = loadAccessCatalogue();
const catalogueUrns = new Set(
  (
    JSON.parse(readFileSync(path.join(DEFAULT_CATALOGUE_DATA_DIR, 'packages.json'), 'utf8')) as {
      packages: { urn: string }[];
    }
  ).packages.map((pkg) => pkg.urn),
);

function origins(urnOrCode: string) {
  const found = catalogue.package(urnOrCode);
  if (!found) throw new Error(`${urnOrCode} should be in the catalogue`);
  return found;
}

describe('reverse lookup: which roles lead to an access package', () => {
  it('finds the Altinn 2 role and the ER role behind an accountant client package', () => {
    const found = origins('urn:altinn:accesspackage:regnskapsforer-med-signeringsrettighet');
    expect(found.package.code).toBe('regnskapsforer-med-signeringsrettighet');
    expect(found.altinn2_roles).toEqual([
      expect.objectContaining({
        code: 'A0239',
        status: 'official-automatic',
        confidence_level: 'official',
        shape: 'one-to-one',
      }),
    ]);
    expect(found.er_roles).toEqual([
      {
        code: 'REGN',
        urn: 'urn:altinn:external-role:ccr:regnskapsforer',
        name_nb: 'Regnskapsfører',
        name_en: 'Accountant',
        grant: 'direct',
        only_for_org_form: null,
        can_delegate: false,
      },
    ]);
    expect(PackageOriginsSchema.parse(found)).toEqual(found);
  });

  it('lists the key ER roles for a general package, and marks a merge of Altinn 2 roles', () => {
    const found = origins('akvakultur');
    expect(found.altinn2_roles.map((role) => [role.code, role.shape])).toEqual([
      ['A0212', 'split-and-merge'],
      ['A0293', 'merge'],
    ]);
    expect(found.er_roles.map((role) => role.code)).toEqual(
      expect.arrayContaining(['DAGL', 'LEDE', 'INNH', 'DTSO', 'DTPR', 'KOMP', 'BEST', 'BOBE']),
    );
    expect(found.altinn3_roles).toEqual([
      expect.objectContaining({ code: 'hovedadministrator', grant: 'delegate-only', can_delegate: true }),
    ]);
  });

  it('shows conditional grants as separate entries marked with their org form', () => {
    const found = origins('forretningsforer-eiendom');
    expect(found.er_roles).toEqual([
      expect.objectContaining({
        code: 'FFØR',
        grant: 'org-form-conditional',
        only_for_org_form: 'BRL',
        can_delegate: false,
      }),
      expect.objectContaining({
        code: 'FFØR',
        grant: 'org-form-conditional',
        only_for_org_form: 'ESEK',
        can_delegate: false,
      }),
    ]);
    const nufServices = origins('tjenester-nuf');
    expect(nufServices.er_roles).toContainEqual(
      expect.objectContaining({
        code: 'FFØR',
        grant: 'org-form-conditional',
        only_for_org_form: 'NUF',
        can_assign: true,
      }),
    );
    expect(nufServices.er_roles).toContainEqual(
      expect.objectContaining({ code: 'KNUF', grant: 'direct', can_assign: true }),
    );
  });

  it('says no ER role gets confidential mail: only the main administrator can delegate it', () => {
    const found = origins('post-til-virksomheten-med-taushetsbelagt-innhold');
    expect(found.er_roles).toEqual([]);
    expect(found.altinn3_roles).toEqual([
      expect.objectContaining({ code: 'hovedadministrator', grant: 'delegate-only' }),
    ]);
    expect(found.altinn2_roles.map((role) => role.code)).toEqual(['A0286', 'A0287', 'A0288']);
  });

  it('connects citizen packages to privatperson and guardianship packages to their mandate', () => {
    expect(origins('innbygger-skatteforhold-privatpersoner').altinn3_roles).toEqual([
      expect.objectContaining({ code: 'PRIV', urn: 'urn:altinn:role:privatperson', grant: 'direct' }),
    ]);
    expect(origins('vergemal-helfo-fastlege').guardianship_roles).toEqual(['helfo-fastlege']);
  });

  it('finds the vergemål enforcement package by its code although its URN lacks the vergemal- prefix', () => {
    const urn = 'urn:altinn:accesspackage:namsmannen-tvangsfullbyrdelse-forliksradet';
    expect(catalogue.resolvePackageUrn('vergemal-namsmannen-tvangsfullbyrdelse-forliksradet')).toBe(urn);
    expect(catalogue.resolvePackageUrn(urn)).toBe(urn);
    expect(origins('namsmannen-tvangsfullbyrdelse-forliksradet').guardianship_roles).toEqual([
      'namsmannen-tvangsfullbyrdelse-forliksradet',
    ]);
  });

  it('returns nothing for a package that does not exist', () => {
    expect(catalogue.package('post-og-arkiv')).toBeUndefined();
    expect(catalogue.findPackage('urn:altinn:accesspackage:post-og-arkiv')).toBeUndefined();
  });
});

describe('outdated URN spellings from the docs', () => {
  it.each([
    ['tilgangsstyring', 'urn:altinn:accesspackage:tilgangsstyrer'],
    ['urn:altinn:accesspackage:klientadminstrator', 'urn:altinn:accesspackage:klientadministrator'],
    ['urn:altinn:accesspackage:reviorattesterer', 'urn:altinn:accesspackage:revisorattesterer'],
  ])('reads %s as the catalogue URN %s', (outdated, current) => {
    expect(catalogue.resolvePackageUrn(outdated)).toBe(current);
    expect(origins(outdated).package.urn).toBe(current);
  });

  it('keeps the real package tilgangsstyring-enkeltinstanser apart from the misspelling', () => {
    expect(catalogue.resolvePackageUrn('tilgangsstyring-enkeltinstanser')).toBe(
      'urn:altinn:accesspackage:tilgangsstyring-enkeltinstanser',
    );
  });

  it('never emits anything but catalogue URNs from any lookup', () => {
    const emitted = [
      ...catalogue.listPackages().map((pkg) => pkg.urn),
      ...catalogue.listAltinn2Roles().flatMap((role) => role.successor_packages.map((pkg) => pkg.urn)),
      ...['DAGL', 'FFØR', 'KNUF', 'REGN', 'REVI'].flatMap((code) => {
        const role = catalogue.erRole(code);
        return [...(role?.packages ?? []), ...(role?.conditional_packages ?? [])].map((grant) => grant.urn);
      }),
      ...['hovedadministrator', 'privatperson'].flatMap((code) =>
        (catalogue.altinn3Role(code)?.delegate_only_packages ?? []).map((grant) => grant.urn),
      ),
    ];
    expect(emitted.length).toBeGreaterThan(500);
    for (const urn of emitted) expect(catalogueUrns.has(urn)).toBe(true);
    expect(emitted.filter((urn) => /tilgangsstyring$|klientadminstrator|reviorattesterer/.test(urn))).toEqual(
      [],
    );
  });
});

describe('catalogue listing', () => {
  it('filters by area, given as URN, slug or name in either language', () => {
    const tax = catalogue.listPackages({ area: 'Skatt, avgift, regnskap og toll' });
    expect(tax.length).toBeGreaterThan(5);
    expect(tax.every((pkg) => pkg.area.name_nb === 'Skatt, avgift, regnskap og toll')).toBe(true);
    const area = catalogue
      .listAreas()
      .find((candidate) => candidate.name_nb === 'Skatt, avgift, regnskap og toll');
    expect(area?.package_count).toBe(tax.length);
    expect(catalogue.listPackages({ area: area?.urn })).toEqual(tax);
    expect(catalogue.listPackages({ area: area?.name_en.toUpperCase() })).toEqual(tax);
    expect(catalogue.listPackages({ area: 'administrere_tilganger' })).toHaveLength(6);
  });

  it('filters by area group and counts each group as packages.json does', () => {
    expect(catalogue.listPackages({ areaGroup: 'Allment' })).toHaveLength(59);
    expect(catalogue.listPackages({ areaGroup: 'general' })).toHaveLength(59);
    expect(catalogue.listPackages({ areaGroup: 'Vergemål' })).toHaveLength(41);
    expect(catalogue.listPackages({ areaGroup: 'Bransje', area: 'Personale' })).toEqual([]);
    expect(catalogue.listAreaGroups()).toEqual(
      expect.arrayContaining([
        { name_nb: 'Bransje', name_en: 'Industry', package_count: 79 },
        { name_nb: 'Særskilt', name_en: 'Special', package_count: 9 },
        { name_nb: 'Innbygger', name_en: 'Inhabitant', package_count: 35 },
      ]),
    );
  });

  it('rejects a filter that names no area with a coded error', () => {
    expect(() => catalogue.listPackages({ area: 'Post og arkiv og sånt' })).toThrow(
      expect.objectContaining({ code: 'unknown_area' }) as AccessCatalogueError,
    );
    expect(() => catalogue.listPackages({ areaGroup: 'Misc' })).toThrow(
      expect.objectContaining({ code: 'unknown_area_group' }) as AccessCatalogueError,
    );
  });

  it('lists all 49 areas with their group in both languages', () => {
    const areas = catalogue.listAreas();
    expect(areas).toHaveLength(49);
    expect(areas.reduce((sum, area) => sum + area.package_count, 0)).toBe(223);
    expect(areas[0]).toEqual({
      urn: 'accesspackage:area:administrere_tilganger',
      name_nb: 'Administrere tilganger',
      name_en: 'Manage Access',
      area_group: { name_nb: 'Allment', name_en: 'General' },
      package_count: 6,
    });
  });

  it('has result schemas the gateway can turn into JSON Schema', () => {
    expect(() => z.toJSONSchema(PackageOriginsSchema)).not.toThrow();
  });
});
