import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { XSD_FILES } from '../mva-data';

/** libxml2 (compiled to WASM) as an independent XSD validator to check ours against. */
export async function libxml2Accepts(xml: string, schema: keyof typeof XSD_FILES): Promise<boolean> {
  const xsd = readFileSync(path.resolve(__dirname, '..', '..', 'data', XSD_FILES[schema]), 'utf8');
  const result = await validateXML({
    xml: [{ fileName: 'document.xml', contents: xml }],
    schema: [{ fileName: 'schema.xsd', contents: xsd }],
  });
  return result.valid;
}
