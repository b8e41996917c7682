import 'reflect-metadata';
import { createLogger, loadConfig, NestPinoLogger } from '@apier/platform';
import { NestFactory } from '@nestjs/core';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { GatewayConfigSchema } from './config';
import { GatewayModule } from './gateway.module';
import { HttpMetrics } from './observability/http-metrics';
import { registerRequestContext } from './observability/request-context.hook';
import { ProblemFilter } from './problems/problem.filter';
import { sendProblem } from './problems/problem-reply';

async function bootstrap(): Promise<void> {
  const config = loadConfig(GatewayConfigSchema);
  const logger = createLogger('gateway', config.LOG_LEVEL);
  const metrics = new HttpMetrics();
  const publicBaseUrl = config.PUBLIC_BASE_URL ?? `http://${config.HOST}:${config.PORT}`;

  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    logger: false,
    return503OnClosing: true,
    // the router's own refusals (undecodable URL, over-long path parameter) are problems too
    frameworkErrors: (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) =>
      sendProblem(reply, error, config.PROBLEM_TYPE_BASE_URL, logger),
  });
  const fastify = adapter.getInstance();
  registerRequestContext(fastify, logger, metrics);
  fastify.setErrorHandler((error, _request, reply) =>
    sendProblem(reply, error, config.PROBLEM_TYPE_BASE_URL, logger),
  );

  const app = await NestFactory.create<NestFastifyApplication>(
    GatewayModule.forRoot(config, logger, metrics, publicBaseUrl),
    adapter,
    {
      logger: new NestPinoLogger(logger),
    },
  );
  app.useGlobalFilters(new ProblemFilter(config.PROBLEM_TYPE_BASE_URL, logger));
  app.enableShutdownHooks();
  await app.listen({ port: config.PORT, host: config.HOST });
  const address = fastify.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  logger.info({ port, url: `http://${config.HOST}:${port}` }, 'gateway listening');
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(
    `gateway failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
