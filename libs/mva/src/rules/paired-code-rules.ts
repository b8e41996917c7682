import type { MvaViolation } from '../mva-types';
import { abs, compare, sum, ZERO } from './amount';
import type { Rule } from './rule-input';

/** Rule numbers per code reported twice (output line with basis + deduction line without), in order. */
const PAIRED_RULES: Record<
  string,
  { deductionAboveOutput: string; outputMissing: string; deductionMissing: string }
> = {
  '81': { deductionAboveOutput: 'R023', outputMissing: 'R028', deductionMissing: 'R033' },
  '83': { deductionAboveOutput: 'R024', outputMissing: 'R029', deductionMissing: 'R034' },
  '86': { deductionAboveOutput: 'R025', outputMissing: 'R030', deductionMissing: 'R035' },
  '88': { deductionAboveOutput: 'R026', outputMissing: 'R031', deductionMissing: 'R036' },
  '91': { deductionAboveOutput: 'R027', outputMissing: 'R032', deductionMissing: 'R037' },
};

/**
 * Ordinary returns, per paired code X:
 * R023–R027 the deduction (lines without basis) must not exceed the output VAT (lines with basis),
 *   compared regardless of sign;
 * R028–R032 a plain deduction line needs at least as many plain output lines;
 * R033–R037 a plain output line should be matched by a plain deduction line.
 * "Plain" = without specification: kompensasjonsrett, justering and tilbakeføring lines are extra lines.
 */
export const pairedCodeRules: Rule = ({ lines, ordinary, at }) => {
  if (!ordinary) return [];
  const out: MvaViolation[] = [];
  for (const [kode, rules] of Object.entries(PAIRED_RULES)) {
    const ofCode = lines.filter((l) => l.linje.mvaKode === kode);
    const deductions = ofCode.filter((l) => !l.hasGrunnlag);
    const outputs = ofCode.filter((l) => l.hasGrunnlag);
    const plainDeductions = deductions.filter((l) => !l.linje.spesifikasjon);
    const plainOutputs = outputs.filter((l) => !l.linje.spesifikasjon);
    const firstDeduction = deductions[0];
    if (firstDeduction) {
      const outputVat = abs(sum(outputs.map((l) => l.merverdiavgift ?? ZERO)));
      const deductedVat = abs(sum(deductions.map((l) => l.merverdiavgift ?? ZERO)));
      if (compare(outputVat, deductedVat) < 0)
        out.push(at(rules.deductionAboveOutput, firstDeduction.path('merverdiavgift'), { mvaKode: kode }));
    }
    if (plainDeductions.length > 0 && plainOutputs.length < plainDeductions.length)
      out.push(at(rules.outputMissing, plainDeductions[0]!.path(), { mvaKode: kode }));
    if (plainOutputs.length > 0 && plainDeductions.length === 0)
      out.push(at(rules.deductionMissing, plainOutputs[0]!.path(), { mvaKode: kode }));
  }
  return out;
};
