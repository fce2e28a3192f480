import { HttpStatus, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AppConfig } from '@lib/config';
import { credentialIdOf, Principal } from '@lib/auth';
import { IdempotencyRepository, OrdersRepository, OutboxRepository } from '@lib/database';
import { ProblemError } from '@lib/http';
import { OrderTransitions, presentOrder } from '@lib/orders';
import { CreateOrderDto } from './order.dto';
import { OrderDrafts } from './order-draft.service';
import { requestHash } from './request-hash';

export interface StoredResponse {
  status: number;
  body: string;
}

/**
 * Accepts orders. Everything happens in the request's one transaction: the idempotency key,
 * the order, its first event, the dispatch event in the outbox and the stored response;
 * so a 201 always means a committed order that will be dispatched, exactly once.
 */
@Injectable()
export class OrderIntake {
  constructor(
    private readonly drafts: OrderDrafts,
    private readonly orders: OrdersRepository,
    private readonly idempotency: IdempotencyRepository,
    private readonly outbox: OutboxRepository,
    private readonly transitions: OrderTransitions,
    private readonly config: AppConfig,
  ) {}

  async create(principal: Principal, input: CreateOrderDto, idempotencyKey: string | undefined): Promise<StoredResponse> {
    if (!idempotencyKey) {
      if (principal.role === 'merchant') {
        throw ProblemError.invalid([{ field: 'Idempotency-Key', message: 'the Idempotency-Key header is required for merchants' }]);
      }
      return this.store(principal, input);
    }
    const credential = credentialIdOf(principal);
    const claim = await this.idempotency.claim(credential, idempotencyKey, requestHash(input));
    if (claim.kind === 'replay') return { status: claim.status, body: claim.body };
    if (claim.kind === 'mismatch') {
      throw new ProblemError(HttpStatus.CONFLICT, 'This Idempotency-Key was used with a different request body', 'idempotency_key_reused');
    }
    const response = await this.store(principal, input);
    await this.idempotency.saveResponse(credential, idempotencyKey, response.status, response.body);
    return response;
  }

  private async store(principal: Principal, input: CreateOrderDto): Promise<StoredResponse> {
    const draft = await this.drafts.draft(principal, input);
    const actor = credentialIdOf(principal);
    const order = await this.orders.insert({ ...draft, trackingToken: randomBytes(18).toString('base64url'), createdBy: actor });
    await this.transitions.created(order, actor);
    await this.outbox.add('dispatch', { orderId: order.id });
    const events = (await this.orders.eventsOf([order.id])).get(order.id)!;
    return { status: HttpStatus.CREATED, body: JSON.stringify(presentOrder(order, events, this.config.apiBaseUrl)) };
  }
}
