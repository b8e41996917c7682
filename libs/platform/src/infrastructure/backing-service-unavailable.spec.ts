import { ApierError } from '@apier/contracts';
import { Redis } from 'ioredis';
import { createServer } from 'node:net';
import { Client } from 'pg';
import { backingServiceUnavailable, isBackingServiceUnavailable } from './backing-service-unavailable';

/** A port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

describe('a backing service out of reach is a retryable 503, not a bug', () => {
  it('recognises Postgres refusing the connection', async () => {
    const client = new Client({
      connectionString: `postgresql://postgres@127.0.0.1:${await closedPort()}/x`,
    });
    const error = await client.connect().then(
      () => null,
      (e: unknown) => e,
    );
    await client.end().catch(() => undefined);
    expect(isBackingServiceUnavailable(error)).toBe(true);
    expect(isBackingServiceUnavailable(new Error('wrapped', { cause: error }))).toBe(true);
  });

  it('recognises Redis commands failing while the connection is down', async () => {
    const redis = new Redis(`redis://127.0.0.1:${await closedPort()}`, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      lazyConnect: true,
      retryStrategy: () => null,
    });
    await redis.connect().catch(() => undefined);
    const error = await redis.get('k').then(
      () => null,
      (e: unknown) => e,
    );
    redis.disconnect();
    expect(isBackingServiceUnavailable(error)).toBe(true);
  });

  it('recognises Prisma saying the database cannot be reached', () => {
    // The shape Prisma 7 with the pg adapter throws for a stopped server (seen in the fault suite).
    const prisma = Object.assign(new Error("Can't reach database server at 127.0.0.1:5432"), {
      name: 'PrismaClientKnownRequestError',
      code: 'P1001',
      meta: { driverAdapterError: { name: 'DriverAdapterError', cause: { kind: 'DatabaseNotReachable' } } },
    });
    expect(isBackingServiceUnavailable(prisma)).toBe(true);
    const shutdown = {
      code: 'P2010',
      meta: { driverAdapterError: { cause: { kind: 'postgres', code: '57P01' } } },
    };
    expect(isBackingServiceUnavailable(shutdown)).toBe(true);
  });

  it('leaves real faults alone', () => {
    expect(isBackingServiceUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isBackingServiceUnavailable({ code: 'P2002', meta: { target: ['id'] } })).toBe(false);
    expect(
      isBackingServiceUnavailable({
        meta: { driverAdapterError: { cause: { kind: 'postgres', code: '23505' } } },
      }),
    ).toBe(false);
    expect(isBackingServiceUnavailable(null)).toBe(false);
  });

  it('answers service_unavailable, retryable', () => {
    const error = backingServiceUnavailable(new Error('down'));
    expect(error).toBeInstanceOf(ApierError);
    expect(error).toMatchObject({ code: 'service_unavailable', retryable: true });
  });
});
