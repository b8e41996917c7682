import { type DelegationEvent, eventStreamName } from '@apier/contracts';
import { createPrismaClient, type PrismaClient } from '@apier/db';
import { createLogger } from '@apier/platform';
import { createIsolatedSchema, type IsolatedSchema, runToken, testInfrastructure } from '@apier/testing';
import { connect, JSONCodec, type NatsConnection } from 'nats';
import { SystemRegistration } from '../../altinn/system-registration';
import { DelegationConfirmation } from '../delegation-confirmation';
import { DelegationEventPublisher } from '../delegation-event-publisher';
import { DelegationReconciler } from '../delegation-reconciler';
import { DelegationRepository } from '../delegation.repository';
import { DelegationService } from '../delegation.service';
import { InMemoryAltinn, InMemoryAuthority } from './in-memory-altinn';

export const VAT = 'urn:altinn:accesspackage:merverdiavgift';
export const TAX = 'urn:altinn:accesspackage:skatt-naering';
export const FRESHNESS_SECONDS = 300;

/**
 * The delegation domain on real Postgres (its own schema) and real NATS JetStream (its own subject
 * prefix and stream), with Altinn and Maskinporten as in-memory state and a clock the spec moves.
 */
export class DelegationTestWorld {
  readonly logger = createLogger('spec', 'silent');
  readonly altinn = new InMemoryAltinn();
  readonly events: DelegationEvent[] = [];
  clock = new Date();
  readonly now = () => this.clock;
  readonly registration: SystemRegistration;
  readonly authority: InMemoryAuthority;
  readonly repository: DelegationRepository;
  readonly publisher: DelegationEventPublisher;
  readonly reconciler: DelegationReconciler;
  readonly service: DelegationService;
  readonly confirmation: DelegationConfirmation;

  private constructor(
    readonly db: IsolatedSchema,
    readonly prisma: PrismaClient,
    readonly nc: NatsConnection,
    readonly subjectPrefix: string,
  ) {
    this.registration = new SystemRegistration(
      this.altinn,
      { vendorOrgnr: '310000000', clientId: 'apier-local', accessPackages: [VAT, TAX] },
      this.logger,
    );
    this.authority = new InMemoryAuthority(this.altinn, this.registration.systemId);
    this.repository = new DelegationRepository(prisma);
    this.publisher = new DelegationEventPublisher(this.repository, nc, subjectPrefix, this.logger, this.now);
    this.reconciler = this.reconcilerWith(this.publisher);
    this.service = new DelegationService(
      this.repository,
      this.altinn,
      this.registration,
      this.reconciler,
      this.logger,
      { freshnessSeconds: FRESHNESS_SECONDS },
      this.now,
    );
    this.confirmation = new DelegationConfirmation(
      this.repository,
      this.reconciler,
      this.authority,
      this.logger,
      { freshnessSeconds: FRESHNESS_SECONDS, scopes: ['altinn:instances.read'] },
      this.now,
    );
  }

  static async start(): Promise<DelegationTestWorld> {
    const token = runToken();
    const db = await createIsolatedSchema(token);
    const prisma = createPrismaClient({ url: db.url, schema: db.schema, poolSize: 4 });
    const nc = await connect({ servers: testInfrastructure().natsUrl });
    const world = new DelegationTestWorld(db, prisma, nc, `${token}.`);
    const codec = JSONCodec<DelegationEvent>();
    nc.subscribe(`${token}.apier.events.delegation.>`, {
      callback: (_err, msg) => world.events.push(codec.decode(msg.data)),
    });
    return world;
  }

  reconcilerWith(publisher: DelegationEventPublisher): DelegationReconciler {
    return new DelegationReconciler(
      this.repository,
      this.altinn,
      this.registration,
      publisher,
      this.logger,
      this.now,
    );
  }

  async account(name: string): Promise<string> {
    return (await this.prisma.account.create({ data: { name } })).id;
  }

  /** Lets the clock run: the freshness bound counts from the last confirmation. */
  advance(seconds: number): void {
    this.clock = new Date(this.clock.getTime() + seconds * 1000);
  }

  /** Core NATS delivers asynchronously; wait until the expected events have arrived. */
  async eventsSettled(count: number): Promise<DelegationEvent[]> {
    for (let i = 0; i < 50 && this.events.length < count; i++) await new Promise((r) => setTimeout(r, 20));
    return this.events;
  }

  async stop(): Promise<void> {
    const jsm = await this.nc.jetstreamManager();
    await jsm.streams.delete(eventStreamName(this.subjectPrefix)).catch(() => undefined);
    await this.nc.drain();
    await this.prisma.$disconnect();
    await this.db.drop();
  }
}
