export * from './prisma-client';
export * from './migrations/migration-runner';
export * from './migrations/ensure-database';
