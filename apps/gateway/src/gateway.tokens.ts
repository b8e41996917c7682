export const OPENAPI_DOCUMENT = Symbol('OPENAPI_DOCUMENT');
export const RPC_CLIENT = Symbol('RPC_CLIENT');
export const NATS_CONNECTION = Symbol('NATS_CONNECTION');
export const LOGGER = Symbol('LOGGER');
export const PUBLIC_RATE_LIMITER = Symbol('PUBLIC_RATE_LIMITER');
export const PRISMA = Symbol('PRISMA');
export const REDIS = Symbol('REDIS');
