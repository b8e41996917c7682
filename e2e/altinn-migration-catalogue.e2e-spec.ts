import { expectProblem } from './support/expect-problem';
import { readJson } from './support/read-json';
import { Stack } from './support/stack';

const PACKAGE = 'urn:altinn:accesspackage:';

/**
 * An integrator who knows the Altinn 3 side asks, without an API key, the way back: which Altinn 2 and
 * Enhetsregisteret roles lead to a package, what an ER role gives, and what the catalogue holds per area.
 */
describe('Altinn 3 access package catalogue lookups, without an API key', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await Stack.start({ apps: ['gateway'] });
  }, 60_000);
  afterAll(() => stack?.stop());

  const toolUrl = (path: string) => `${stack.gatewayUrl}/api/v1/tools/altinn-migration${path}`;

  it('finds every Altinn 2 and Enhetsregisteret role that leads to a package', async () => {
    const response = await fetch(toolUrl(`/packages/${encodeURIComponent(`${PACKAGE}lonn`)}`));
    expect(response.status).toBe(200);
    const origins = await readJson(response);
    expect(origins.package).toMatchObject({ urn: `${PACKAGE}lonn`, area: { name_en: 'Personnel' } });
    expect(origins.altinn2_roles).toEqual([expect.objectContaining({ code: 'LOPER', shape: 'split' })]);
    expect(origins.er_roles.map((role: { code: string }) => role.code)).toEqual(
      expect.arrayContaining(['DAGL', 'INNH', 'LEDE']),
    );

    const byCode = await readJson(await fetch(toolUrl('/packages/regnskapsforer-med-signeringsrettighet')));
    expect(byCode.altinn2_roles.map((role: { code: string }) => role.code)).toEqual(['A0239']);
    expect(byCode.er_roles).toEqual([expect.objectContaining({ code: 'REGN', grant: 'direct' })]);

    const unknown = await expectProblem(
      await fetch(toolUrl(`/packages/${encodeURIComponent('lønn')}`)),
      404,
      'unknown_access_package',
    );
    expect(unknown.close_matches).toEqual(
      expect.arrayContaining([expect.objectContaining({ urn: `${PACKAGE}lonn` })]),
    );
  });

  it('lists what an Enhetsregisteret role gives: many packages for DAGL, none for SIGN', async () => {
    const daglResponse = await fetch(toolUrl('/er-roles/dagl'));
    expect(daglResponse.status).toBe(200);
    const dagl = await readJson(daglResponse);
    expect(dagl).toMatchObject({ code: 'DAGL', kind: 'er', name_en: 'Managing Director' });
    expect(dagl.packages.map((pkg: { urn: string }) => pkg.urn)).toEqual(
      expect.arrayContaining([`${PACKAGE}lonn`, `${PACKAGE}a-ordning`]),
    );

    const sign = await readJson(await fetch(toolUrl('/er-roles/SIGN')));
    expect(sign).toMatchObject({ code: 'SIGN', packages: [], conditional_packages: [] });
    expect(sign.note).toEqual(expect.any(String));

    const altinn2Code = await expectProblem(await fetch(toolUrl('/er-roles/UTINN')), 404, 'unknown_er_role');
    expect(altinn2Code.detail).toContain('Altinn 2 role');
  });

  it('lists the catalogue, filtered by area or area group, and refuses an unknown area', async () => {
    const all = await readJson(await fetch(toolUrl('/packages')));
    expect(all.count).toBe(all.packages.length);
    expect(all.count).toBeGreaterThan(100);

    const personnel = await readJson(await fetch(toolUrl('/packages?area=personale')));
    expect(personnel.filter).toEqual({ area: 'personale', area_group: null });
    expect(personnel.count).toBeGreaterThan(0);
    expect(personnel.count).toBeLessThan(all.count);
    expect(
      personnel.packages.every(
        (pkg: { area: { urn: string } }) => pkg.area.urn === 'accesspackage:area:personale',
      ),
    ).toBe(true);
    expect(personnel.packages.map((pkg: { code: string }) => pkg.code)).toContain('lonn');

    const byEnglishName = await readJson(
      await fetch(toolUrl(`/packages?area=${encodeURIComponent('Personnel')}`)),
    );
    expect(byEnglishName.count).toBe(personnel.count);

    const general = await readJson(await fetch(toolUrl('/packages?area_group=General')));
    expect(
      general.packages.every(
        (pkg: { area_group: { name_en: string } }) => pkg.area_group.name_en === 'General',
      ),
    ).toBe(true);

    const unknownArea = await expectProblem(
      await fetch(toolUrl('/packages?area=nowhere')),
      400,
      'unknown_area',
    );
    expect(unknownArea.valid_areas).toEqual(
      expect.arrayContaining([expect.objectContaining({ slug: 'personale', name_en: 'Personnel' })]),
    );
    const unknownGroup = await expectProblem(
      await fetch(toolUrl('/packages?area_group=nowhere')),
      400,
      'unknown_area_group',
    );
    expect(unknownGroup.valid_area_groups).toEqual(
      expect.arrayContaining([{ name_nb: 'Allment', name_en: 'General' }]),
    );

    const areas = await readJson(await fetch(toolUrl('/areas')));
    expect(areas.areas).toEqual(
      expect.arrayContaining([expect.objectContaining({ urn: 'accesspackage:area:personale' })]),
    );
    const packagesPerGroup = areas.area_groups.map((group: { package_count: number }) => group.package_count);
    expect(packagesPerGroup.reduce((sum: number, n: number) => sum + n, 0)).toBe(all.count);
  });

  it('serves the listings with an hour of caching and answers If-None-Match with 304', async () => {
    const packages = await fetch(toolUrl('/packages?area=personale'));
    expect(packages.headers.get('cache-control')).toBe('public, max-age=3600');
    const packagesAgain = await fetch(toolUrl('/packages?area=personale'), {
      headers: { 'if-none-match': packages.headers.get('etag')! },
    });
    expect(packagesAgain.status).toBe(304);
    expect(await packagesAgain.text()).toBe('');

    const origins = await fetch(toolUrl('/packages/lonn'));
    const originsEtag = origins.headers.get('etag')!;
    // The code and the URN name the same package, so they share the representation and its ETag.
    expect((await fetch(toolUrl(`/packages/${PACKAGE}lonn`))).headers.get('etag')).toBe(originsEtag);
    const unchanged = await fetch(toolUrl('/packages/lonn'), { headers: { 'if-none-match': originsEtag } });
    expect(unchanged.status).toBe(304);
  });
});
