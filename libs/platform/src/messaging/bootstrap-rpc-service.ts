import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { InfrastructureConfig } from '../config/infrastructure-config';
import { createLogger, type AppLogger, NestPinoLogger } from '../logging/logger';
import { NatsRpcServer, PassThroughRpcExceptionFilter } from './nats-rpc-server';

/**
 * Starts a NestJS service whose only transport is NATS request/reply in the given queue group.
 * Shutdown signals drain subscriptions so in-flight requests still get their answer.
 */
export async function bootstrapRpcService(options: {
  service: string;
  queue: string;
  config: InfrastructureConfig;
  module: (logger: AppLogger) => DynamicModule;
}): Promise<void> {
  const logger = createLogger(options.service, options.config.LOG_LEVEL);
  try {
    const app = await NestFactory.createMicroservice(options.module(logger), {
      strategy: new NatsRpcServer({
        url: options.config.NATS_URL,
        name: options.service,
        subjectPrefix: options.config.NATS_SUBJECT_PREFIX,
        queue: options.queue,
        logger,
      }),
      logger: new NestPinoLogger(logger),
    });
    app.useGlobalFilters(new PassThroughRpcExceptionFilter());
    app.enableShutdownHooks();
    await app.listen();
    logger.info(`${options.service} ready`);
  } catch (error) {
    logger.fatal({ err: error }, `${options.service} failed to start`);
    process.exit(1);
  }
}
