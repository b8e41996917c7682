export * from './orgnr/orgnr';
export * from './errors/error-codes';
export * from './errors/apier-error';
export * from './messaging/subjects';
export * from './messaging/envelope';
export * from './company/provenance';
export * from './company/company-context';
export * from './company/sandbox';
