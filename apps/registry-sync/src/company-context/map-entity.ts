import type { Entity } from '@apier/contracts';

type Json = Record<string, unknown>;

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const bool = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);
const obj = (v: unknown): Json | null =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null;

function code(v: unknown): { code: string; description: string | null } | null {
  const o = obj(v);
  const c = o && str(o['kode']);
  return c ? { code: c, description: str(o['beskrivelse']) } : null;
}

function address(v: unknown): Entity['business_address'] {
  const a = obj(v);
  if (!a) return null;
  return {
    lines: Array.isArray(a['adresse']) ? a['adresse'].filter((l): l is string => typeof l === 'string') : [],
    postal_code: str(a['postnummer']),
    city: str(a['poststed']),
    municipality: str(a['kommune']),
    municipality_number: str(a['kommunenummer']),
    country: str(a['land']),
    country_code: str(a['landkode']),
  };
}

function subUnits(underenheter: unknown): Entity['sub_units'] {
  const list = obj(obj(underenheter)?.['_embedded'])?.['underenheter'];
  if (!Array.isArray(list)) return [];
  return list.map((u: Json) => ({
    orgnr: String(u['organisasjonsnummer']),
    name: String(u['navn'] ?? ''),
    employees: typeof u['antallAnsatte'] === 'number' ? u['antallAnsatte'] : null,
  }));
}

/**
 * Brønnøysund's main-unit document → our entity section. A deleted unit still answers 200 with a
 * reduced `SlettetEnhet` body, so the response class, not the status code, decides.
 */
export function mapEntity(enhet: Json, underenheter: unknown): Entity {
  const deleted = enhet['respons_klasse'] === 'SlettetEnhet' || str(enhet['slettedato']) !== null;
  const nace = ['naeringskode1', 'naeringskode2', 'naeringskode3']
    .map((k) => code(enhet[k]))
    .filter((c) => c !== null);
  const reported = bool(enhet['harRegistrertAntallAnsatte']) ?? typeof enhet['antallAnsatte'] === 'number';
  return {
    orgnr: String(enhet['organisasjonsnummer']),
    name: String(enhet['navn'] ?? ''),
    status: deleted ? 'deleted' : 'active',
    organisation_form: code(enhet['organisasjonsform']) ?? { code: 'UKJENT', description: null },
    registered_at: str(enhet['registreringsdatoEnhetsregisteret']),
    founded_at: str(enhet['stiftelsesdato']),
    deleted_at: str(enhet['slettedato']),
    business_address: address(enhet['forretningsadresse']),
    postal_address: address(enhet['postadresse']),
    nace_codes: nace,
    sector: code(enhet['institusjonellSektorkode']),
    registered_in_vat_register: bool(enhet['registrertIMvaregisteret']),
    registered_in_business_register: bool(enhet['registrertIForetaksregisteret']),
    employees: {
      reported,
      count: reported && typeof enhet['antallAnsatte'] === 'number' ? enhet['antallAnsatte'] : null,
    },
    bankruptcy: { bankrupt: enhet['konkurs'] === true, since: str(enhet['konkursdato']) },
    liquidation: {
      under_liquidation: enhet['underAvvikling'] === true,
      since: str(enhet['underAvviklingDato']),
    },
    forced_dissolution: enhet['underTvangsavviklingEllerTvangsopplosning'] === true,
    parent_orgnr: str(enhet['overordnetEnhet']),
    last_annual_accounts: str(enhet['sisteInnsendteAarsregnskap']),
    sub_units: subUnits(underenheter),
  };
}
