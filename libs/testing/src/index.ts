export * from './test-infrastructure';
export * from './isolated-schema';
