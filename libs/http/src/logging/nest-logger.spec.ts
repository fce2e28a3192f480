import { Writable } from 'node:stream';
import { Logger } from '@nestjs/common';
import { withCorrelationId } from '@lib/correlation';
import { PinoNestLogger } from './nest-logger';
import { createProcessLogger } from './process-logger';

/** A process logger writing into an array, as the JSON lines it would print. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const logger = createProcessLogger({ name: 'dispatcher', level: 'debug', destination });
  return { lines, nest: new PinoNestLogger(logger) };
}

describe('PinoNestLogger', () => {
  it("writes Nest's calls as JSON lines with the context, the fields and the work's correlation id", async () => {
    const { lines, nest } = capture();
    withCorrelationId('order-req-12345678', () => nest.warn({ orderId: 'o-1' }, 'webhook delivery failed', 'WebhookDeliveryProcessor'));
    nest.log('Nest application successfully started', 'NestApplication');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines[0]).toMatchObject({ level: 40, name: 'dispatcher', context: 'WebhookDeliveryProcessor', orderId: 'o-1', msg: 'webhook delivery failed', correlationId: 'order-req-12345678' });
    expect(lines[1]).toMatchObject({ level: 30, context: 'NestApplication', msg: 'Nest application successfully started' });
    expect(lines[1]).not.toHaveProperty('correlationId');
  });

  it("keeps errors and Nest's error(message, stack, context) contract", async () => {
    const { lines, nest } = capture();
    nest.error(new Error('boom'), 'ProblemFilter');
    nest.error('request failed', 'Error: boom\n    at somewhere (file.ts:1:1)', 'ExceptionsHandler');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines[0]).toMatchObject({ level: 50, context: 'ProblemFilter', err: { message: 'boom' } });
    expect(lines[1]).toMatchObject({ level: 50, context: 'ExceptionsHandler', msg: 'request failed', err: { stack: expect.stringContaining('at somewhere') } });
  });

  it('redacts credentials', async () => {
    const { lines, nest } = capture();
    nest.log({ user: { password: 'hunter2', token: 'abc' } }, 'signed in', 'Login');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines[0]).toMatchObject({ user: { password: '[redacted]', token: '[redacted]' } });
  });

  it("is what Nest's Logger instances write through", async () => {
    const { lines, nest } = capture();
    Logger.overrideLogger(nest);
    new Logger('OutboxRelay').warn({ err: new Error('redis away') }, 'outbox relay pass failed');
    await new Promise((resolve) => setImmediate(resolve));
    Logger.overrideLogger(false);
    expect(lines[0]).toMatchObject({ context: 'OutboxRelay', msg: 'outbox relay pass failed', err: { message: 'redis away' } });
  });
});
