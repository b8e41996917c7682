import { ApierError } from '@apier/contracts';
import { continueTrace, runWithTrace } from '@apier/platform';
import { BadRequestException, NotFoundException } from '@nestjs/common';
import { parseOrgnrParam } from '../sandbox/orgnr-param';
import { problemFor, toApierError } from './problem';

const BASE = 'https://docs.apier.no/problems/';

describe('RFC 9457 problem mapping', () => {
  it('maps a typed error to its status, type slug, code and details, with the trace of the request', () => {
    const trace = continueTrace(undefined, 'req-7');
    const problem = runWithTrace(trace, () =>
      problemFor(new ApierError('company_removed', 'gone', { details: { orgnr: '315678706' } }), BASE),
    );
    expect(problem).toEqual({
      type: `${BASE}company-removed`,
      title: 'Company removed from the open register',
      status: 410,
      detail: 'gone',
      instance: 'urn:apier:request:req-7',
      traceId: trace.traceId,
      code: 'company_removed',
      retryable: false,
      orgnr: '315678706',
    });
  });

  it('never lets a detail overwrite a standard member', () => {
    const problem = problemFor(
      new ApierError('maskinporten_rejected', 'no', { details: { status: 400, code: 'x', title: 't' } }),
      BASE,
    );
    expect(problem).toMatchObject({
      status: 502,
      code: 'maskinporten_rejected',
      title: 'Maskinporten refused Apier’s grant',
    });
  });

  it('keeps framework 4xx as client errors and hides the details of anything unexpected', () => {
    expect(toApierError(new NotFoundException('Cannot GET /x')).code).toBe('not_found');
    expect(toApierError(new BadRequestException('bad')).code).toBe('validation_failed');
    expect(
      toApierError(Object.assign(new Error('Request body is too large'), { statusCode: 413 })).code,
    ).toBe('payload_too_large');
    const internal = toApierError(new Error('connect ECONNREFUSED 10.0.0.5:5432'));
    expect(internal.code).toBe('internal');
    expect(internal.message).not.toContain('ECONNREFUSED');
  });

  it('names the failed check of an organisation number', () => {
    expect(() => parseOrgnrParam('123456789')).toThrow(
      expect.objectContaining({
        code: 'invalid_orgnr',
        details: expect.objectContaining({ check: 'mod11' }),
      }),
    );
    expect(() => parseOrgnrParam('abc')).toThrow(
      expect.objectContaining({
        code: 'invalid_orgnr',
        details: expect.objectContaining({ check: 'format' }),
      }),
    );
    expect(parseOrgnrParam('999999999')).toBe('999999999');
  });
});
