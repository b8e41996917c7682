import { Writable } from 'node:stream';
import { continueTrace, runWithTrace } from '../tracing/trace-context';
import { createLogger } from './logger';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, logger: createLogger('test-service', 'info', stream) };
}

describe('structured logger', () => {
  it('writes JSON with the service, level and the current trace ids', () => {
    const { lines, logger } = capture();
    const trace = continueTrace(undefined, 'req-42');
    runWithTrace(trace, () => logger.info({ orgnr: '999999999' }, 'hello'));
    expect(lines[0]).toMatchObject({
      service: 'test-service',
      level: 'info',
      msg: 'hello',
      orgnr: '999999999',
      trace_id: trace.traceId,
      span_id: trace.spanId,
      request_id: 'req-42',
    });
  });

  it('censors secrets by configuration wherever they appear', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        req: { headers: { authorization: 'Bearer apier_test_abc', 'approval-token': 'appr_x' } },
        token: 'eyJhbGciOi',
        body: { client_assertion: 'eyJ.jwt.sig', password: 'hunter2', api_key: 'apier_live_x' },
      },
      'secrets inside',
    );
    const text = JSON.stringify(lines[0]);
    for (const secret of [
      'apier_test_abc',
      'appr_x',
      'eyJhbGciOi',
      'eyJ.jwt.sig',
      'hunter2',
      'apier_live_x',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[REDACTED]');
  });
});
