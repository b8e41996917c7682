import { loadAccessCatalogue } from './load-catalogue';
import { RolePackagesSchema } from './lookup-result-schemas';

const catalogue = loadAccessCatalogue();

function erRole(code: string) {
  const role = catalogue.erRole(code);
  if (!role) throw new Error(`${code} should be an ER role`);
  return role;
}

const codes = (grants: { code: string }[]) => grants.map((grant) => grant.code);

describe('Enhetsregisteret role → access packages', () => {
  it('gives DAGL the full set of 133 packages, main administrator included', () => {
    const dagl = erRole('DAGL');
    expect(dagl).toMatchObject({
      code: 'DAGL',
      kind: 'er',
      urn: 'urn:altinn:external-role:ccr:daglig-leder',
      legacy_urn: 'urn:altinn:rolecode:dagl',
      is_key_role: true,
      conditional_packages: [],
      delegate_only_packages: [],
    });
    expect(dagl.packages).toHaveLength(133);
    expect(codes(dagl.packages)).toContain('hovedadministrator');
    expect(dagl.legacy_altinn2_roles).toContain('UTINN');
    expect(RolePackagesSchema.parse(dagl)).toEqual(dagl);
  });

  it('shows the documented gaps in the other key roles', () => {
    const dagl = new Set(codes(erRole('DAGL').packages));
    const missingFrom = (code: string) =>
      [...dagl].filter((pkg) => !codes(erRole(code).packages).includes(pkg));
    expect(missingFrom('LEDE')).toEqual(['reelle-rettighetshavere-avvik-eu-oppslag']);
    expect(missingFrom('INNH').sort()).toEqual([
      'lonn-personopplysninger-saerlig-kategori',
      'sykefravaer-personopplysninger-saerlig-kategori',
    ]);
    expect(missingFrom('DTSO')).toEqual([]);
    expect(missingFrom('DTPR')).toEqual([]);
    expect(erRole('BEST').packages).toHaveLength(115);
    expect(erRole('BOBE').packages).toHaveLength(126);
    expect(codes(erRole('BOBE').packages)).toEqual(
      expect.arrayContaining(['konkursbo-lesetilgang', 'konkursbo-skrivetilgang']),
    );
  });

  it('gives the main administrator package to DAGL, LEDE, INNH, DTSO, DTPR and BOBE but not KOMP or BEST', () => {
    const holders = catalogue.package('hovedadministrator')?.er_roles.map((role) => role.code);
    expect(holders?.sort()).toEqual(['BOBE', 'DAGL', 'DTPR', 'DTSO', 'INNH', 'LEDE']);
  });

  it.each(['SIGN', 'PROK', 'SIHV', 'POFE', 'MEDL', 'NEST', 'VARA'])('gives %s no packages at all', (code) => {
    const role = erRole(code);
    expect(role.packages).toEqual([]);
    expect(role.conditional_packages).toEqual([]);
    expect(role.delegate_only_packages).toEqual([]);
  });

  it('gives REGN and REVI their client packages, which they cannot delegate directly', () => {
    expect(erRole('REGN').packages).toEqual([
      expect.objectContaining({ code: 'regnskapsforer-lonn', can_delegate: false }),
      expect.objectContaining({ code: 'regnskapsforer-med-signeringsrettighet', can_delegate: false }),
      expect.objectContaining({ code: 'regnskapsforer-uten-signeringsrettighet', can_delegate: false }),
    ]);
    expect(codes(erRole('REVI').packages)).toEqual(['ansvarlig-revisor', 'revisormedarbeider']);
  });

  it('finds FFØR by its ASCII alias FFOR, with grants that depend on the org form', () => {
    const ffor = erRole('ffor');
    expect(ffor.code).toBe('FFØR');
    expect(ffor.aliases).toEqual(['FFOR']);
    expect(ffor.packages).toEqual([]);
    expect(ffor.conditional_packages.filter((grant) => grant.code === 'forretningsforer-eiendom')).toEqual([
      expect.objectContaining({ only_for_org_form: 'BRL', can_delegate: false }),
      expect.objectContaining({ only_for_org_form: 'ESEK', can_delegate: false }),
    ]);
    expect(ffor.conditional_packages.filter((grant) => grant.only_for_org_form === 'NUF')).toHaveLength(10);
    expect(erRole('FFØR')).toEqual(ffor);
  });

  it('finds a role by code in any case, by Altinn 3 URN and by legacy URN', () => {
    expect(erRole('dagl').code).toBe('DAGL');
    expect(erRole('urn:altinn:external-role:ccr:daglig-leder').code).toBe('DAGL');
    expect(erRole('URN:ALTINN:ROLECODE:DAGL').code).toBe('DAGL');
    expect(catalogue.erRole('UTINN')).toBeUndefined();
  });

  it('keeps the two Altinn 3 roles apart from the ER roles', () => {
    expect(catalogue.erRole('hovedadministrator')).toBeUndefined();
    const mainAdmin = catalogue.altinn3Role('hovedadministrator');
    expect(mainAdmin).toMatchObject({ kind: 'altinn3', packages: [] });
    expect(mainAdmin?.delegate_only_packages).toHaveLength(134);
    expect(mainAdmin?.conditional_packages).toEqual([
      expect.objectContaining({ code: 'maskinporten-scopes-nuf', only_for_org_form: 'NUF' }),
    ]);

    const privatePerson = catalogue.altinn3Role('privatperson');
    expect(catalogue.altinn3Role('PRIV')).toEqual(privatePerson);
    expect(privatePerson?.packages).toHaveLength(35);
    expect(privatePerson?.packages.every((grant) => grant.code.startsWith('innbygger-'))).toBe(true);
  });
});
