import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { credentialIdOf, Principal } from '@lib/auth';
import { AppConfig } from '@lib/config';
import { PageRequest, WebhookSubscription, WebhooksRepository } from '@lib/database';
import { ProblemError } from '@lib/http';
import { checkDestination } from '@lib/outbound-http';
import { CreateWebhookDto } from './webhook.dto';

/** Webhook subscriptions: a merchant's cover its own orders, a co-op admin's the whole cooperative. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly config: AppConfig,
  ) {}

  async subscribe(principal: Principal, input: CreateWebhookDto) {
    await this.assertPublicDestination(input.url);
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

  /**
   * A URL leading to loopback, a private or link-local network or cloud metadata (literally or
   * through DNS) could never be delivered to, so it is refused now, with the reason, unless the
   * deployment allows private networks; deliveries check again at connect time (DNS rebinding).
   * Runs before any repository call: the request's transaction opens on its first query, so no
   * pooled connection waits on DNS, and a refusal stores nothing.
   */
  private async assertPublicDestination(url: string): Promise<void> {
    const verdict = await checkDestination(url, {
      allowPrivateNetworks: this.config.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
      lookupTimeoutMs: this.config.env.WEBHOOK_TIMEOUT_MS,
    });
    if (!verdict.allowed) throw ProblemError.invalid([{ field: 'url', message: verdict.reason }], 'The webhook URL does not lead to a public address; nothing was stored');
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
