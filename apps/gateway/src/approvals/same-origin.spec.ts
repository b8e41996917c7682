import { assertSameOrigin } from './same-origin';

const ORIGIN = 'https://api.apier.no';
const rejected = expect.objectContaining({ code: 'csrf_rejected' });

describe('same-origin check of unsafe approver requests', () => {
  it.each([
    ['no browser headers (curl, SDKs)', {}],
    ['the public origin', { origin: ORIGIN, 'sec-fetch-site': 'same-origin' }],
    ['an origin matching the Host header', { origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000' }],
    ['a user-initiated navigation', { 'sec-fetch-site': 'none' }],
  ])('lets through %s', (_name, headers) => {
    expect(() => assertSameOrigin(headers, ORIGIN)).not.toThrow();
  });

  it.each([
    ['a cross-site form', { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }],
    ['a same-site sibling', { 'sec-fetch-site': 'same-site' }],
    ['another origin', { origin: 'https://evil.example', host: 'api.apier.no' }],
    ['an opaque origin', { origin: 'null' }],
    ['a garbled origin', { origin: 'not a url', host: 'api.apier.no' }],
    ['another port of the same host', { origin: 'https://api.apier.no:8443', host: 'api.apier.no' }],
  ])('refuses %s', (_name, headers) => {
    expect(() => assertSameOrigin(headers, ORIGIN)).toThrow(rejected);
  });
});
