import { currentCorrelationId, newCorrelationId, saneCorrelationId, withCorrelationId } from './correlation-context';

describe('correlation context', () => {
  it('follows the work across awaits and timers, and ends with it', async () => {
    const seen = await withCorrelationId('order-intake-1234', async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return currentCorrelationId();
    });
    expect(seen).toBe('order-intake-1234');
    expect(currentCorrelationId()).toBeUndefined();
  });

  it('takes plain ids from outside and refuses anything that could forge a log line', () => {
    expect(saneCorrelationId('trace-abc-12345')).toBe('trace-abc-12345');
    expect(saneCorrelationId(newCorrelationId())).toMatch(/^[0-9a-f-]{36}$/);
    for (const bad of ['short', 'has space in it', 'line\nbreak-123', 'x'.repeat(129), 42, undefined]) expect(saneCorrelationId(bad)).toBeUndefined();
  });
});
