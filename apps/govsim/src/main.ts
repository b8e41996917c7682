import 'reflect-metadata';
import { createLogger, NestPinoLogger } from '@apier/platform';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { GovsimModule } from './app.module';
import { loadGovsimConfig } from './config';

/** The government simulator: Brreg, Skatteetaten and NAV on one port, with the real paths. */
async function bootstrap(): Promise<void> {
  const config = loadGovsimConfig();
  const logger = createLogger('govsim', config.LOG_LEVEL);
  const publicBaseUrl = config.PUBLIC_BASE_URL ?? `http://${config.HOST}:${config.PORT}`;
  const adapter = new FastifyAdapter({ logger: false });
  const app = await NestFactory.create<NestFastifyApplication>(
    GovsimModule.forRoot({
      seed: config.GOVSIM_SEED,
      syntheticCompanies: config.GOVSIM_COMPANIES,
      publicBaseUrl,
    }),
    adapter,
    { logger: new NestPinoLogger(logger) },
  );
  app.enableShutdownHooks();
  await app.listen({ port: config.PORT, host: config.HOST });
  logger.info(
    { url: publicBaseUrl, companies: config.GOVSIM_COMPANIES, seed: config.GOVSIM_SEED },
    'govsim listening',
  );
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`govsim failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
