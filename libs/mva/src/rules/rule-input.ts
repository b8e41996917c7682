import { categoryFlag, type CategoryFlag } from '../kodelister/code-lists';
import type { MvaCodeLists } from '../kodelister/mva-code-lists';
import { linePath } from '../melding/melding-xml-names';
import type { MvaLinje, MvaMelding, MvaValidationContext, MvaViolation } from '../mva-types';
import { type Amount, parseAmount } from './amount';
import { violation } from './violation';

/** Everything a rule may look at; rules are pure functions of it. */
export interface RuleInput {
  melding: MvaMelding;
  ctx: MvaValidationContext;
  codeLists: MvaCodeLists;
  term: { start: string; end: string };
  /** alminnelig or primærnæring: most rules apply to "ordinary" returns only. */
  ordinary: boolean;
  flag: CategoryFlag | undefined;
  lines: LineFacts[];
  /** Violation at an element path, with its source line. */
  at(ruleId: string, path: string, extra?: { mvaKode?: string; details?: string }): MvaViolation;
}

export interface LineFacts {
  index: number;
  linje: MvaLinje;
  grunnlag?: Amount;
  merverdiavgift?: Amount;
  hasGrunnlag: boolean;
  hasSats: boolean;
  hasMerknad: boolean;
  path(field?: string): string;
}

export type Rule = (input: RuleInput) => MvaViolation[];

export function ruleInput(
  melding: MvaMelding,
  ctx: MvaValidationContext,
  codeLists: MvaCodeLists,
  term: { start: string; end: string },
  lineOf: Map<string, number>,
): RuleInput {
  const lines = melding.linjer.map((linje, index): LineFacts => {
    const grunnlag = parseAmount(linje.grunnlag);
    const merverdiavgift = parseAmount(linje.merverdiavgift);
    return {
      index,
      linje,
      ...(grunnlag ? { grunnlag } : {}),
      ...(merverdiavgift ? { merverdiavgift } : {}),
      hasGrunnlag: hasContent(linje.grunnlag),
      hasSats: hasContent(linje.sats),
      hasMerknad: hasMerknad(linje.merknad),
      path: (field) => linePath(index, field),
    };
  });
  return {
    melding,
    ctx,
    codeLists,
    term,
    ordinary: melding.meldingskategori === 'alminnelig' || melding.meldingskategori === 'primaernaering',
    flag: categoryFlag(melding.meldingskategori),
    lines,
    at: (ruleId, path, extra = {}) => {
      const line = lineOf.get(path) ?? lineOf.get(path.replace(/\/[^/]+$/, ''));
      return violation(ruleId, path, { ...extra, ...(line !== undefined ? { line } : {}) });
    },
  };
}

/** The rule texts' "har innhold": present and not blank. */
export function hasContent(value: string | undefined): boolean {
  return value !== undefined && value.trim() !== '';
}

export function hasMerknad(merknad: MvaLinje['merknad']): boolean {
  if (!merknad) return false;
  return 'beskrivelse' in merknad ? hasContent(merknad.beskrivelse) : hasContent(merknad.utvalgtMerknad);
}

export function utvalgtMerknad(linje: { merknad?: MvaLinje['merknad'] }): string | undefined {
  const merknad = linje.merknad;
  return merknad && 'utvalgtMerknad' in merknad && hasContent(merknad.utvalgtMerknad)
    ? merknad.utvalgtMerknad
    : undefined;
}
