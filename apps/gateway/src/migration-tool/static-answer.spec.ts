import { maxAgeSeconds, STATIC_ANSWER_MAX_AGE_SECONDS, staticAnswerEtag } from './static-answer';

describe('static answers of the migration tool', () => {
  const identity = { catalogueVersion: '2026-11-25+sha256:0123456789abcdef', request: ['plan', 'UTINN'] };

  it('lets caches keep a day-independent answer for the full hour', () => {
    expect(maxAgeSeconds(undefined)).toBe(STATIC_ANSWER_MAX_AGE_SECONDS);
  });

  it('never lets an answer with day counts outlive the UTC day it was computed for', () => {
    expect(maxAgeSeconds(new Date('2026-12-31T12:00:00Z'))).toBe(3600);
    expect(maxAgeSeconds(new Date('2026-12-31T23:50:00Z'))).toBe(600);
    expect(maxAgeSeconds(new Date('2026-12-31T23:59:59.500Z'))).toBe(0);
  });

  it('changes the ETag with the UTC date, the request and the catalogue version, and only then', () => {
    const tag = staticAnswerEtag({ ...identity, asOf: new Date('2026-12-31T08:00:00Z') });
    expect(tag).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
    expect(staticAnswerEtag({ ...identity, asOf: new Date('2026-12-31T23:59:00Z') })).toBe(tag);
    expect(staticAnswerEtag({ ...identity, asOf: new Date('2027-01-01T00:00:00Z') })).not.toBe(tag);
    expect(
      staticAnswerEtag({ ...identity, request: ['plan', 'A0239'], asOf: new Date('2026-12-31') }),
    ).not.toBe(tag);
    expect(
      staticAnswerEtag({ ...identity, catalogueVersion: 'other', asOf: new Date('2026-12-31T08:00:00Z') }),
    ).not.toBe(tag);
  });
});
