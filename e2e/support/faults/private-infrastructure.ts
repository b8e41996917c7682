import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../free-port';

const run = promisify(execFile);
const PG_VERSION = '15';

export type InfraService = 'nats' | 'redis' | 'postgres';

/**
 * Postgres, Redis and NATS of one fault run alone, on free ports, so the run can stop and start
 * them without touching the machine's shared services. NATS keeps its JetStream store across
 * restarts; Redis keeps nothing (as in production without persistence); Postgres is its own
 * cluster, dropped at the end.
 */
export class PrivateInfrastructure {
  private redis: ChildProcess | undefined;
  private nats: ChildProcess | undefined;
  private readonly natsStore = mkdtempSync(join(tmpdir(), 'apier-faults-nats-'));
  private readonly cluster: string;

  private constructor(
    readonly ports: Record<InfraService, number>,
    token: string,
  ) {
    this.cluster = `faults_${token}`;
  }

  static async start(token: string): Promise<PrivateInfrastructure> {
    const [nats, redis, postgres] = [await freePort(), await freePort(), await freePort()];
    const infra = new PrivateInfrastructure({ nats, redis, postgres }, token);
    await run('pg_createcluster', [
      PG_VERSION,
      infra.cluster,
      '--port',
      String(postgres),
      '--',
      '--auth=trust',
    ]);
    await Promise.all((['postgres', 'redis', 'nats'] as const).map((s) => infra.startService(s)));
    return infra;
  }

  get urls() {
    return {
      TEST_DATABASE_URL: `postgresql://postgres@127.0.0.1:${this.ports.postgres}/apier_faults`,
      TEST_REDIS_URL: `redis://127.0.0.1:${this.ports.redis}`,
      TEST_NATS_URL: `nats://127.0.0.1:${this.ports.nats}`,
    };
  }

  async startService(service: InfraService): Promise<void> {
    if (service === 'postgres') {
      await run('pg_ctlcluster', [PG_VERSION, this.cluster, 'start']);
    } else if (service === 'redis') {
      this.redis = spawn(
        'redis-server',
        ['--port', String(this.ports.redis), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { stdio: 'ignore' },
      );
    } else {
      this.nats = spawn(
        '/usr/sbin/nats-server',
        ['-a', '127.0.0.1', '-p', String(this.ports.nats), '-js', '-sd', this.natsStore],
        { stdio: 'ignore' },
      );
    }
    await portOpen(this.ports[service]);
  }

  async stopService(service: InfraService): Promise<void> {
    if (service === 'postgres') {
      await run('pg_ctlcluster', [PG_VERSION, this.cluster, 'stop', '-m', 'fast']);
      return;
    }
    const child = service === 'redis' ? this.redis : this.nats;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    await exited;
  }

  async stop(): Promise<void> {
    await Promise.all([this.stopService('redis'), this.stopService('nats')]);
    await run('pg_dropcluster', ['--stop', PG_VERSION, this.cluster]).catch(() => undefined);
    rmSync(this.natsStore, { recursive: true, force: true });
  }
}

/** Resolves once something accepts connections on the port (fails after 30 s). */
async function portOpen(port: number): Promise<void> {
  const started = Date.now();
  for (;;) {
    const open = await new Promise<boolean>((done) => {
      const socket = createConnection({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        done(true);
      });
      socket.once('error', () => done(false));
    });
    if (open) return;
    if (Date.now() - started > 30_000) throw new Error(`nothing listens on ${port} after 30 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
