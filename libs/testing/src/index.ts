export * from './test-infrastructure';
export * from './isolated-schema';
export * from './secret-scan';
