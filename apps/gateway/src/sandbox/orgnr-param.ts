import { ApierError, type Orgnr } from '@apier/contracts';
import { CompanyPathSchema } from './sandbox.operations';

/** Validates the `:orgnr` path parameter and names the check that failed (format or mod11). */
export function parseOrgnrParam(raw: string): Orgnr {
  const result = CompanyPathSchema.safeParse({ orgnr: raw });
  if (result.success) return result.data.orgnr;
  const issue = result.error.issues[0]!;
  const check =
    (issue.code === 'custom' && (issue.params as { check?: string } | undefined)?.check) || 'format';
  throw new ApierError('invalid_orgnr', issue.message, {
    details: { check, errors: [{ parameter: 'orgnr', in: 'path', detail: issue.message, check }] },
  });
}
