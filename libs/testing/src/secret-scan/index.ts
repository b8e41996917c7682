export * from './secret-patterns';
export * from './scan-log-files';
