import fc from 'fast-check';

const ROOT =
  '<mvaMeldingDto xmlns="no:skatteetaten:fastsetting:avgift:mva:skattemeldingformerverdiavgift:v1.0">';

/** Billion laughs: ten levels of ten references each, a gigabyte if a parser expands it. */
function billionLaughs(levels: number): string {
  const entities = ['<!ENTITY lol0 "lol">'];
  for (let i = 1; i < levels; i++) entities.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
  return `<?xml version="1.0"?><!DOCTYPE lolz [${entities.join('')}]>${ROOT}<x>&lol${levels - 1};</x></mvaMeldingDto>`;
}

const externalEntity = (target: string) =>
  `<?xml version="1.0"?><!DOCTYPE m [<!ENTITY xxe SYSTEM "${target}">]>${ROOT}<regnskapssystemsreferanse>&xxe;</regnskapssystemsreferanse></mvaMeldingDto>`;

const parameterEntity = (target: string) =>
  `<?xml version="1.0"?><!DOCTYPE m [<!ENTITY % remote SYSTEM "${target}"> %remote;]>${ROOT}</mvaMeldingDto>`;

const deepNesting = (depth: number) =>
  `${ROOT}${'<a>'.repeat(depth)}x${'</a>'.repeat(depth)}</mvaMeldingDto>`;

/** A file or URL an XXE would read or call: local secrets, the metadata service, the stack's own ports. */
const entityTarget = fc.constantFrom(
  'file:///etc/passwd',
  'file:///proc/self/environ',
  'file:///work/main/.env.example',
  'http://169.254.169.254/latest/meta-data/',
  'http://127.0.0.1:4222/',
  'http://127.0.0.1:6379/',
  'php://filter/resource=/etc/passwd',
  '/etc/hostname',
);

/**
 * mva-melding payloads built to hurt an XML parser: entity expansion, external and parameter
 * entities, DOCTYPEs, processing instructions, deep nesting, broken encodings and plain garbage.
 */
export const hostileMvaMelding: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 3, max: 12 }).map(billionLaughs),
  entityTarget.map(externalEntity),
  entityTarget.map(parameterEntity),
  fc.integer({ min: 50, max: 20_000 }).map(deepNesting),
  fc.constant(
    `<?xml version="1.0"?><!DOCTYPE mvaMeldingDto SYSTEM "http://127.0.0.1:1/x.dtd">${ROOT}</mvaMeldingDto>`,
  ),
  fc.constant(`<?xml version="1.0" encoding="UTF-7"?>+ADw-mvaMeldingDto+AD4-`),
  fc.constant(`<?xml version="1.0"?><?xml-stylesheet href="file:///etc/passwd"?>${ROOT}</mvaMeldingDto>`),
  fc.constant(`<![CDATA[${'A'.repeat(1000)}`),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 2_000 }).map((s) => `${ROOT}${s}</mvaMeldingDto>`),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 500 }),
  fc.constant(`${ROOT}\ud800\udfff\ud83d</mvaMeldingDto>`),
);

/** Content of /etc/passwd or the environment, had an entity been resolved into an answer. */
export const LEAKED_FILE = /root:x:0:0|PATH=|DATABASE_URL=/;
