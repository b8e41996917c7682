import { ApierError } from '@apier/contracts';
import { Controller, type INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { randomBytes } from 'node:crypto';
import { connect, type NatsConnection } from 'nats';
import { Writable } from 'node:stream';
import { z } from 'zod';
import { createLogger } from '../logging/logger';
import { continueTrace, currentTrace, runWithTrace } from '../tracing/trace-context';
import { NatsRpcServer, PassThroughRpcExceptionFilter } from './nats-rpc-server';
import { RpcClient } from './rpc-client';

const NATS_URL = process.env['TEST_NATS_URL'] ?? 'nats://127.0.0.1:4222';

@Controller()
class EchoHandler {
  @MessagePattern('test.echo')
  echo(@Payload() payload: { text: string }) {
    const trace = currentTrace()!;
    return {
      text: payload.text,
      traceId: trace.traceId,
      requestId: trace.requestId,
      accountId: trace.accountId ?? null,
      deadline: trace.deadline ?? null,
    };
  }

  @MessagePattern('test.refuse')
  refuse(): never {
    throw new ApierError('company_not_found', 'no such company', { details: { orgnr: '999999999' } });
  }

  @MessagePattern('test.crash')
  crash(): never {
    throw new Error('database password=hunter2 leaked in a message');
  }

  @MessagePattern('test.slow')
  async slow(): Promise<string> {
    await new Promise((r) => setTimeout(r, 1_000));
    return 'late';
  }
}

@Module({ controllers: [EchoHandler] })
class EchoModule {}

describe('NATS request/reply between services', () => {
  const prefix = `t${randomBytes(4).toString('hex')}.`;
  const logLines: string[] = [];
  const logger = createLogger(
    'rpc-test',
    'info',
    new Writable({ write: (chunk, _e, done) => (logLines.push(String(chunk)), done()) }),
  );
  let service: INestMicroservice;
  let nc: NatsConnection;
  let client: RpcClient;

  beforeAll(async () => {
    service = await NestFactory.createMicroservice(EchoModule, {
      strategy: new NatsRpcServer({
        url: NATS_URL,
        name: 'rpc-test',
        subjectPrefix: prefix,
        queue: 'rpc-test',
        logger,
      }),
      logger: false,
    });
    service.useGlobalFilters(new PassThroughRpcExceptionFilter());
    await service.listen();
    nc = await connect({ servers: NATS_URL });
    client = new RpcClient(nc, prefix, 2_000);
  });
  afterAll(async () => {
    await service.close();
    await nc.drain();
  });

  it('answers with the typed result and carries trace, request id, account and deadline in headers', async () => {
    const trace = continueTrace('00-0123456789abcdef0123456789abcdef-0123456789abcdef-01', 'req-rpc');
    const before = Date.now();
    const reply = await runWithTrace(trace, () =>
      client.request(
        'test.echo',
        { text: 'hei' },
        z.object({
          text: z.string(),
          traceId: z.string(),
          requestId: z.string(),
          accountId: z.string().nullable(),
          deadline: z.number(),
        }),
        {
          accountId: 'acc_1',
        },
      ),
    );
    expect(reply).toMatchObject({
      text: 'hei',
      traceId: '0123456789abcdef0123456789abcdef',
      requestId: 'req-rpc',
      accountId: 'acc_1',
    });
    expect(reply.deadline).toBeGreaterThanOrEqual(before + 1_900);
    expect(reply.deadline).toBeLessThanOrEqual(Date.now() + 2_000);
  });

  it('passes a typed error through unchanged', async () => {
    await expect(client.request('test.refuse', {}, z.unknown())).rejects.toMatchObject({
      code: 'company_not_found',
      retryable: false,
      details: { orgnr: '999999999' },
    });
  });

  it('turns an unexpected failure into a generic internal error without its message', async () => {
    const error = (await client
      .request('test.crash', {}, z.unknown())
      .catch((e: unknown) => e)) as ApierError;
    expect(error).toMatchObject({ code: 'internal' });
    expect(error.message).not.toContain('hunter2');
    expect(logLines.join('')).toContain('unexpected handler error');
  });

  it('ends a slow call at its deadline with a retryable timeout', async () => {
    const started = Date.now();
    await expect(client.request('test.slow', {}, z.unknown(), { timeoutMs: 200 })).rejects.toMatchObject({
      code: 'timeout',
      retryable: true,
    });
    expect(Date.now() - started).toBeLessThan(800);
  });

  it('fails fast with service_unavailable when no service listens', async () => {
    const started = Date.now();
    await expect(client.request('test.nobody-home', {}, z.unknown())).rejects.toMatchObject({
      code: 'service_unavailable',
    });
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('never lets one run see another run’s subjects', async () => {
    const other = new RpcClient(nc, `${prefix}other.`, 300);
    await expect(other.request('test.echo', { text: 'x' }, z.unknown())).rejects.toMatchObject({
      code: 'service_unavailable',
    });
  });

  it('rejects a reply that does not match the expected schema', async () => {
    await expect(
      client.request('test.echo', { text: 'x' }, z.object({ something: z.number() })),
    ).rejects.toMatchObject({ code: 'internal' });
  });
});
