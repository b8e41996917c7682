export const FILING_CONFIG = Symbol('FILING_CONFIG');
export const PRISMA = Symbol('PRISMA');
export const NATS = Symbol('NATS');
export const REDIS = Symbol('REDIS');
export const RPC = Symbol('RPC');
export const LOGGER = Symbol('LOGGER');
