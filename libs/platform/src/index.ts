export * from './config/load-config';
export * from './config/infrastructure-config';
export * from './logging/logger';
export * from './tracing/trace-context';
export * from './messaging/nats-connection';
export * from './messaging/rpc-headers';
export * from './messaging/rpc-client';
export * from './messaging/nats-rpc-server';
