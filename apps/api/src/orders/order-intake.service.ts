import { HttpStatus, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AppConfig } from '@lib/config';
import { credentialIdOf, Principal } from '@lib/auth';
import { IdempotencyRepository, OrdersRepository } from '@lib/database';
import { ProblemError } from '@lib/http';
import { LiveAnnouncements, presentOrder, WebhookFanout } from '@lib/orders';
import { CreateOrderDto } from './order.dto';
import { OrderDraft, OrderDrafts } from './order-draft.service';
import { requestHash } from './request-hash';

export interface StoredResponse {
  status: number;
  body: string;
}

/** The webhook event of a new order. */
const CREATED_EVENT = 'order.created';

/**
 * Accepts orders. Everything happens in the request's one transaction: the idempotency key,
 * the order, its first event, the dispatch event in the outbox, webhook deliveries and the
 * stored response; so a 201 always means a committed order that will be dispatched, exactly
 * once. Few round trips (issue 20): claim the key, read merchant + co-op + coverage, store
 * order + event + outbox in one statement, store the response.
 */
@Injectable()
export class OrderIntake {
  constructor(
    private readonly drafts: OrderDrafts,
    private readonly orders: OrdersRepository,
    private readonly idempotency: IdempotencyRepository,
    private readonly fanout: WebhookFanout,
    private readonly announcements: LiveAnnouncements,
    private readonly config: AppConfig,
  ) {}

  async create(principal: Principal, input: CreateOrderDto, idempotencyKey: string | undefined): Promise<StoredResponse> {
    if (!idempotencyKey) {
      if (principal.role === 'merchant') {
        throw ProblemError.invalid([{ field: 'Idempotency-Key', message: 'the Idempotency-Key header is required for merchants' }]);
      }
      return this.store(principal, await this.drafts.draft(principal, input));
    }
    const key = { credential: credentialIdOf(principal), key: idempotencyKey, requestHash: requestHash(input) };
    // Usually the key is new and is claimed by the draft's first read, in the same round trip.
    let draft = await this.drafts.draftClaiming(principal, input, key);
    if (!draft) {
      const claim = await this.idempotency.resolveConflict(key.credential, key.key, key.requestHash);
      if (claim.kind === 'replay') return { status: claim.status, body: claim.body };
      if (claim.kind === 'mismatch') {
        throw new ProblemError(HttpStatus.CONFLICT, 'This Idempotency-Key was used with a different request body', 'idempotency_key_reused');
      }
      draft = await this.drafts.draft(principal, input); // an expired key, claimed afresh
    }
    const response = await this.store(principal, draft);
    this.idempotency.saveResponse(key.credential, key.key, response.status, response.body);
    return response;
  }

  private async store(principal: Principal, draft: OrderDraft): Promise<StoredResponse> {
    const actor = credentialIdOf(principal);
    const { order, event, hasSubscribers } = await this.orders.insertCreated(
      { ...draft, trackingToken: randomBytes(18).toString('base64url'), createdBy: actor },
      actor,
      CREATED_EVENT,
    );
    // The new order's whole history is the event just stored: nothing to read back.
    const view = presentOrder(order, [event], this.config.apiBaseUrl);
    if (hasSubscribers) await this.fanout.announce(CREATED_EVENT, view);
    this.announcements.announce({ kind: 'order.changed', change: { order, view, previousStatus: null } });
    return { status: HttpStatus.CREATED, body: JSON.stringify(view) };
  }
}
