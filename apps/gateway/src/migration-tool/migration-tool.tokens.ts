/** The validated access catalogue, loaded once when the gateway starts. */
export const ACCESS_CATALOGUE = Symbol('ACCESS_CATALOGUE');

/** "Now" for deadline counts; a token so tests can pin the day the answers are relative to. */
export const MIGRATION_CLOCK = Symbol('MIGRATION_CLOCK');
export type MigrationClock = () => Date;
export const systemClock: MigrationClock = () => new Date();
