import {
  continueTrace,
  currentTrace,
  formatTraceparent,
  parseTraceparent,
  runWithTrace,
} from './trace-context';

describe('W3C trace context', () => {
  const valid = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

  it('parses a valid traceparent and formats it back', () => {
    const parsed = parseTraceparent(valid);
    expect(parsed).toEqual({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      sampled: true,
    });
    expect(formatTraceparent(parsed!)).toBe(valid);
  });

  it.each([
    'garbage',
    '00-00000000000000000000000000000000-00f067aa0ba902b7-01',
    '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01',
    'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra',
  ])('ignores the invalid header %p', (header) => {
    expect(parseTraceparent(header)).toBeNull();
  });

  it('accepts a future version with extra fields', () => {
    expect(parseTraceparent('01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what')?.traceId).toBe(
      '4bf92f3577b34da6a3ce929d0e0e4736',
    );
  });

  it('continues the caller trace with a new span and starts a new trace when the header is bad', () => {
    const next = continueTrace(valid, 'req-1');
    expect(next.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(next.spanId).not.toBe('00f067aa0ba902b7');
    expect(next.requestId).toBe('req-1');
    const fresh = continueTrace('nonsense', 'bad id with spaces');
    expect(fresh.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(fresh.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps the context across awaits', async () => {
    const ctx = continueTrace(undefined, undefined);
    const seen = await runWithTrace(ctx, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return currentTrace();
    });
    expect(seen).toBe(ctx);
    expect(currentTrace()).toBeUndefined();
  });
});
