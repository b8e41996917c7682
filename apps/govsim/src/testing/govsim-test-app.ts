import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import type { FastifyInstance } from 'fastify';
import { GovsimModule, type GovsimOptions } from '../app.module';
import { GovsimWorld } from '../fixtures/govsim-world';

export const TEST_BASE_URL = 'http://govsim.test';

export interface RunningGovsim {
  app: NestFastifyApplication;
  world: GovsimWorld;
  /** Fastify's in-process injection: no port, no network. */
  inject: FastifyInstance['inject'];
}

/** Boots the real GovsimModule on Fastify for HTTP-level specs. */
export async function startGovsim(overrides: Partial<GovsimOptions> = {}): Promise<RunningGovsim> {
  const options: GovsimOptions = {
    seed: 7,
    syntheticCompanies: 50,
    publicBaseUrl: TEST_BASE_URL,
    ...overrides,
  };
  const moduleRef = await Test.createTestingModule({ imports: [GovsimModule.forRoot(options)] }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), {
    logger: false,
  });
  await app.init();
  const fastify: FastifyInstance = app.getHttpAdapter().getInstance();
  await fastify.ready();
  return { app, world: app.get(GovsimWorld), inject: fastify.inject.bind(fastify) };
}
