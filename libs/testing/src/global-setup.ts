import { mkdirSync, rmSync } from 'node:fs';
import { dockerEngineReachable } from './container-runtime';
import { TEST_LOG_DIR } from './secret-scan/scan-log-files';

type Stoppable = { stop(): Promise<unknown> };
const started: Stoppable[] = [];

/**
 * With a Docker engine (and no explicit TEST_* URLs) the run gets its own Postgres, Redis and
 * NATS from testcontainers; otherwise the tests use the services already running here.
 */
export default async function globalSetup(): Promise<void> {
  // App output of this run only: the global teardown scans it for secrets.
  rmSync(TEST_LOG_DIR, { recursive: true, force: true });
  mkdirSync(TEST_LOG_DIR, { recursive: true });
  process.env['APIER_TEST_RUN_STARTED_MS'] = String(Date.now());

  const explicit = ['TEST_DATABASE_URL', 'TEST_REDIS_URL', 'TEST_NATS_URL'].some((name) => process.env[name]);
  if (explicit || process.env['APIER_TEST_CONTAINERS'] === 'off' || !(await dockerEngineReachable())) return;

  const { GenericContainer, Wait } = await import('testcontainers');
  const [postgres, redis, nats] = await Promise.all([
    new GenericContainer('postgres:16')
      .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust' })
      .withCommand(['postgres', '-c', 'fsync=off', '-c', 'synchronous_commit=off'])
      .withExposedPorts(5432)
      .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
      .start(),
    new GenericContainer('redis:7').withExposedPorts(6379).start(),
    new GenericContainer('nats:2.10').withCommand(['-js']).withExposedPorts(4222).start(),
  ]);
  started.push(postgres, redis, nats);
  (globalThis as { __APIER_CONTAINERS__?: Stoppable[] }).__APIER_CONTAINERS__ = started;
  process.env['TEST_DATABASE_URL'] =
    `postgresql://postgres@${postgres.getHost()}:${postgres.getMappedPort(5432)}/apier_test`;
  process.env['TEST_REDIS_URL'] = `redis://${redis.getHost()}:${redis.getMappedPort(6379)}`;
  process.env['TEST_NATS_URL'] = `nats://${nats.getHost()}:${nats.getMappedPort(4222)}`;
}
