import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { credentialIdOf, Principal } from '@lib/auth';
import { PageRequest, WebhookSubscription, WebhooksRepository } from '@lib/database';
import { ProblemError } from '@lib/http';
import { CreateWebhookDto } from './webhook.dto';

/** Webhook subscriptions: a merchant's cover its own orders, a co-op admin's the whole cooperative. */
@Injectable()
export class WebhooksService {
  constructor(private readonly webhooks: WebhooksRepository) {}

  async subscribe(principal: Principal, input: CreateWebhookDto) {
    const secret = `whsec_${randomBytes(24).toString('base64url')}`;
    const subscription = await this.webhooks.subscribe({
      merchantId: principal.role === 'merchant' ? principal.merchantId! : null,
      url: input.url,
      events: input.events,
      secret,
      createdBy: credentialIdOf(principal),
    });
    return { subscription, secret };
  }

  list(principal: Principal) {
    return this.webhooks.listSubscriptions(principal.role === 'merchant' ? principal.merchantId : undefined);
  }

  /** A merchant sees only its own subscriptions; anything else is 404. */
  async get(principal: Principal, id: string): Promise<WebhookSubscription> {
    const subscription = await this.webhooks.findSubscription(id);
    if (!subscription || (principal.role === 'merchant' && subscription.merchantId !== principal.merchantId)) throw ProblemError.notFound('Webhook');
    return subscription;
  }

  async deactivate(principal: Principal, id: string): Promise<void> {
    await this.get(principal, id);
    await this.webhooks.deactivate(id);
  }

  async deliveries(principal: Principal, id: string, page: PageRequest) {
    await this.get(principal, id);
    return this.webhooks.listDeliveries(id, page);
  }
}
