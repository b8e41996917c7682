import { createIsolatedSchema, type IsolatedSchema, runToken, testInfrastructure } from '@apier/testing';
import { AppProcess, type AppName } from './app-process';
import { EventTap } from './event-tap';
import { freePort } from './free-port';

export interface StackOptions {
  apps: AppName[];
  /** Extra or overriding environment for every app. */
  env?: Record<string, string>;
  /** Point the registries somewhere other than this stack's govsim (e.g. a dead port). */
  upstreamBaseUrl?: string;
}

/**
 * Starts the real, built apps against the running Postgres, Redis and NATS, isolated from any
 * other run by its own database schema, NATS subject prefix and Redis key prefix.
 */
export class Stack {
  readonly apps = new Map<AppName, AppProcess>();
  /** The environment every app of this stack got; extra replicas are started with it too. */
  env: Record<string, string> = {};
  private events: EventTap | undefined;

  private constructor(
    readonly token: string,
    readonly db: IsolatedSchema,
    readonly gatewayUrl: string,
    readonly govsimUrl: string,
  ) {}

  static async start(options: StackOptions): Promise<Stack> {
    const token = runToken();
    const infra = testInfrastructure();
    const db = await createIsolatedSchema(token);
    const [gatewayPort, govsimPort] = await Promise.all([freePort(), freePort()]);
    const govsimUrl = `http://127.0.0.1:${govsimPort}`;
    const upstream = options.upstreamBaseUrl ?? govsimUrl;
    const stack = new Stack(token, db, `http://127.0.0.1:${gatewayPort}`, govsimUrl);
    const common: Record<string, string> = {
      DATABASE_URL: db.url,
      DATABASE_SCHEMA: db.schema,
      REDIS_URL: infra.redisUrl,
      REDIS_KEY_PREFIX: `${token}:`,
      NATS_URL: infra.natsUrl,
      NATS_SUBJECT_PREFIX: `${token}.`,
      LOG_LEVEL: 'info',
      GOVSIM_CONTROL_URL: `${govsimUrl}/govsim/control`,
      MASKINPORTEN_ISSUER: `${govsimUrl}/maskinporten/`,
      ALTINN_PLATFORM_URL: govsimUrl,
      ALTINN_MVA_APP_URL: `${govsimUrl}/skd/mva-melding-innsending-etm2`,
      BRREG_BASE_URL: `${upstream}/enhetsregisteret/api`,
      SKATTEETATEN_BASE_URL: `${upstream}/skatteetaten`,
      NAV_AAREG_BASE_URL: `${upstream}/nav/aareg`,
      SANDBOX_BRREG_BASE_URL: `${upstream}/enhetsregisteret/api`,
      SANDBOX_SKATTEETATEN_BASE_URL: `${upstream}/skatteetaten`,
      SANDBOX_NAV_AAREG_BASE_URL: `${upstream}/nav/aareg`,
      ...options.env,
    };
    stack.env = common;
    stack.events = await EventTap.open(common['NATS_URL']!, common['NATS_SUBJECT_PREFIX']!);
    const portFor: Partial<Record<AppName, string>> = {
      gateway: String(gatewayPort),
      govsim: String(govsimPort),
    };
    for (const name of options.apps) {
      stack.apps.set(
        name,
        new AppProcess(name, { ...common, ...(portFor[name] ? { PORT: portFor[name] } : {}) }),
      );
    }
    try {
      // govsim first: the auth-broker registers its Maskinporten client there when it starts
      const govsim = stack.apps.get('govsim');
      if (govsim) await stack.startApp(govsim);
      await Promise.all(
        [...stack.apps.values()].filter((app) => app !== govsim).map((app) => stack.startApp(app)),
      );
    } catch (error) {
      await stack.stop();
      throw error;
    }
    return stack;
  }

  app(name: AppName): AppProcess {
    const app = this.apps.get(name);
    if (!app) throw new Error(`${name} is not part of this stack`);
    return app;
  }

  /** Starts an app that stopped again, with `overrides` on top of the stack's environment for this start. */
  async restart(name: AppName, overrides: Record<string, string> = {}): Promise<void> {
    await this.startApp(this.app(name), overrides);
  }

  /** Every log line of every app, for trace and secret assertions. */
  allLogs(): Record<string, unknown>[] {
    return [...this.apps.values()].flatMap((app) => app.logs);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.apps.values()].map((app) => app.stop()));
    await this.events?.close();
    await this.db.drop();
  }

  private async startApp(app: AppProcess, overrides: Record<string, string> = {}): Promise<void> {
    const from = app.logs.length;
    app.start(overrides);
    await app.waitForLog(
      (line) => typeof line['msg'] === 'string' && /(ready|listening)$/.test(line['msg'] as string),
      from,
    );
  }
}
