import { ApierError } from '@apier/contracts';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { readCodeList } from './kodelister/code-lists';
import { MvaCodeLists } from './kodelister/mva-code-lists';
import { readXml } from './xml/safe-xml';
import { compileXsd, type XsdModel } from './xsd/xsd-model';

/**
 * The official files ship beside src/ and dist/ (libs/mva/data), so the compiled library reads the same
 * bytes the tests read; see data/SOURCE.md for where each comes from.
 */
export const MVA_DATA_DIR = path.resolve(__dirname, '..', 'data');

export const XSD_FILES = {
  melding: 'xsd/no.skatteetaten.fastsetting.avgift.mva.skattemeldingformerverdiavgift.v1.0.xsd',
  konvolutt: 'xsd/no.skatteetaten.fastsetting.avgift.mva.mvameldinginnsending.v1.0.xsd',
  valideringsresultat: 'xsd/no.skatteetaten.fastsetting.avgift.mva.valideringsresultat.v1.xsd',
} as const;

const RuleSchema = z.object({
  ruleId: z.string().regex(/^(R\d{3}|[A-Z][A-Z0-9_]+)$/),
  name: z.string().min(1),
  severity: z.enum(['UGYLDIG_SKATTEMELDING', 'AVVIKENDE_SKATTEMELDING']),
  message: z.string().min(1),
  source: z.string().min(1),
});
const CatalogueSchema = z.object({
  schema: z.literal('apier-mva-regelkatalog/v1'),
  rules: z.array(RuleSchema),
});

export type MvaRule = z.infer<typeof RuleSchema>;

export interface MvaData {
  schemas: Record<keyof typeof XSD_FILES, XsdModel>;
  codeLists: MvaCodeLists;
  rules: Map<string, MvaRule>;
}

let cached: MvaData | undefined;

/** The XSDs, code lists and rule catalogue, read and checked once per process. */
export function mvaData(): MvaData {
  cached ??= loadMvaData(MVA_DATA_DIR);
  return cached;
}

/**
 * Reads and checks the reference data now instead of on the first validation (about a second), so a
 * service can fail at start rather than on its first request.
 * @throws ApierError internal when the shipped files are unusable.
 */
export function preloadMvaReferenceData(): void {
  mvaData();
}

/** @throws ApierError internal when a shipped file is missing or not what the library understands. */
export function loadMvaData(dir: string): MvaData {
  try {
    const xml = (file: string) => {
      const result = readXml(readFileSync(path.join(dir, file), 'utf8'), 16 * 1024 * 1024);
      if (!result.ok) throw new Error(`${file}: ${result.problem.message}`);
      return result.root;
    };
    const schemas = {
      melding: compileXsd(xml(XSD_FILES.melding)),
      konvolutt: compileXsd(xml(XSD_FILES.konvolutt)),
      valideringsresultat: compileXsd(xml(XSD_FILES.valideringsresultat)),
    };
    const list = (name: string) => readCodeList(xml(`kodelister/${name}.xml`));
    const codeLists = new MvaCodeLists({
      mvaKodeSAFT: list('mvaKodeSAFT'),
      sats: list('sats'),
      mvaSpesifikasjon: list('mvaSpesifikasjon'),
      merknad: list('merknad'),
      merknadTilsvarendeMvaKode: list('merknadTilsvarendeMvaKode'),
      meldingskategori: list('meldingskategori'),
    });
    const catalogue = CatalogueSchema.parse(
      JSON.parse(readFileSync(path.join(dir, 'regelkatalog.json'), 'utf8')),
    );
    const rules = new Map(catalogue.rules.map((rule) => [rule.ruleId, rule]));
    if (rules.size !== catalogue.rules.length) throw new Error('regelkatalog.json lists a rule twice');
    return { schemas, codeLists, rules };
  } catch (error) {
    throw new ApierError(
      'internal',
      `The mva reference data in ${dir} cannot be used: ${(error as Error).message}`,
      {
        cause: error,
        retryable: false,
      },
    );
  }
}
