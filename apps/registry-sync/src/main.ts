import 'reflect-metadata';
import { QUEUE_GROUPS } from '@apier/contracts';
import { createLogger, loadConfig, NatsRpcServer, NestPinoLogger, PassThroughRpcExceptionFilter } from '@apier/platform';
import { NestFactory } from '@nestjs/core';
import { RegistrySyncConfigSchema } from './config';
import { RegistrySyncModule } from './registry-sync.module';

async function bootstrap(): Promise<void> {
  const config = loadConfig(RegistrySyncConfigSchema);
  const logger = createLogger('registry-sync', config.LOG_LEVEL);
  const app = await NestFactory.createMicroservice(RegistrySyncModule.forRoot(config), {
    strategy: new NatsRpcServer({
      url: config.NATS_URL,
      name: 'registry-sync',
      subjectPrefix: config.NATS_SUBJECT_PREFIX,
      queue: QUEUE_GROUPS.registry,
      logger,
    }),
    logger: new NestPinoLogger(logger),
  });
  app.useGlobalFilters(new PassThroughRpcExceptionFilter());
  app.enableShutdownHooks();
  await app.listen();
  logger.info('registry-sync ready');
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`registry-sync failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
