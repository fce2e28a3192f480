import { AppConfig } from '@lib/config';
import type { Principal } from '@lib/auth';
import type { WebhooksRepository } from '@lib/database';
import { ProblemError } from '@lib/http';
import { WebhooksService } from './webhooks.service';

const config = (allow: 'true' | 'false') =>
  AppConfig.fromEnvironment({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/d', REDIS_URL: 'redis://127.0.0.1:6379', WEBHOOK_ALLOW_PRIVATE_NETWORKS: allow });

/** A repository that only records what it was asked to store. */
function repository() {
  const stored: unknown[] = [];
  const fake = {
    subscribe: async (values: { url: string }) => {
      stored.push(values);
      return { id: 'subscription-1', ...values };
    },
  };
  return { stored, webhooks: fake as unknown as WebhooksRepository };
}

const merchant = { role: 'merchant', merchantId: 'merchant-1', userId: 'user-1', cooperativeId: 'coop-1' } as unknown as Principal;

describe('WebhooksService.subscribe', () => {
  it.each([
    ['http://127.0.0.1:8080/hooks', '127.0.0.1 is not a public address (loopback)'],
    ['http://169.254.169.254/latest/meta-data', '169.254.169.254 is not a public address (linkLocal)'],
    ['http://[::1]/hooks', '::1 is not a public address (loopback)'],
  ])('refuses %s with a field error on url and stores nothing', async (url, reason) => {
    const { stored, webhooks } = repository();
    const refusal = await new WebhooksService(webhooks, config('false')).subscribe(merchant, { url, events: ['order.created'] }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ProblemError);
    expect(refusal).toMatchObject({ status: 400, code: 'invalid_input', errors: [{ field: 'url', message: reason }] });
    expect(stored).toEqual([]);
  });

  it('stores a public destination', async () => {
    const { stored, webhooks } = repository();
    await new WebhooksService(webhooks, config('false')).subscribe(merchant, { url: 'https://93.184.215.14/hooks', events: ['order.created'] });
    expect(stored).toEqual([expect.objectContaining({ url: 'https://93.184.215.14/hooks', merchantId: 'merchant-1' })]);
  });

  it('stores a private destination when the deployment allows private networks', async () => {
    const { stored, webhooks } = repository();
    await new WebhooksService(webhooks, config('true')).subscribe(merchant, { url: 'http://127.0.0.1:8080/hooks', events: ['order.created'] });
    expect(stored).toHaveLength(1);
  });
});
