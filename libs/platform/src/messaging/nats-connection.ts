import { connect, type NatsConnection } from 'nats';
import type { AppLogger } from '../logging/logger';

/**
 * Connects with endless reconnects so a NATS restart heals by itself; while disconnected,
 * requests fail fast with "service unavailable" instead of hanging.
 */
export async function connectNats(url: string, name: string, logger: AppLogger): Promise<NatsConnection> {
  const nc = await connect({
    servers: url.split(','),
    name,
    reconnect: true,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    pingInterval: 5_000,
    timeout: 10_000,
  });
  void (async () => {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect' || status.type === 'reconnect' || status.type === 'error') {
        logger.warn({ nats_status: status.type }, 'NATS connection status changed');
      }
    }
  })();
  return nc;
}
