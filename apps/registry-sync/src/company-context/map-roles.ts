import type { RoleGroup } from '@apier/contracts';

type Json = Record<string, unknown>;

const asArray = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

function code(v: unknown) {
  const o = (v ?? {}) as Json;
  return { code: String(o['kode'] ?? ''), description: str(o['beskrivelse']) };
}

function holder(role: Json): RoleGroup['roles'][number]['holder'] {
  const person = role['person'] as Json | undefined;
  if (person) {
    const navn = (person['navn'] ?? {}) as Json;
    const name = [navn['fornavn'], navn['mellomnavn'], navn['etternavn']]
      .filter((p) => typeof p === 'string' && p)
      .join(' ');
    return {
      kind: 'person',
      name,
      birth_date: str(person['fodselsdato']),
      deceased: person['erDoed'] === true,
    };
  }
  const enhet = (role['enhet'] ?? {}) as Json;
  // Brreg gives an organisation's name as an array of parts.
  const navn = Array.isArray(enhet['navn']) ? enhet['navn'].join(' ') : String(enhet['navn'] ?? '');
  return {
    kind: 'organisation',
    orgnr: String(enhet['organisasjonsnummer'] ?? ''),
    name: navn,
    deleted: enhet['erSlettet'] === true,
  };
}

/** `fratraadt` is being replaced by `avregistrert`; either one set means the role no longer applies. */
export function mapRoles(roller: Json | null): RoleGroup[] {
  return asArray(roller?.['rollegrupper']).map((group) => ({
    code: code(group['type']).code,
    description: code(group['type']).description,
    last_changed: str(group['sistEndret']),
    roles: asArray(group['roller']).map((role) => ({
      code: code(role['type']).code,
      description: code(role['type']).description,
      holder: holder(role),
      active: role['fratraadt'] !== true && role['avregistrert'] !== true,
      elected_by: role['valgtAv'] ? code(role['valgtAv']) : null,
      order: typeof role['rekkefolge'] === 'number' ? role['rekkefolge'] : null,
    })),
  }));
}
