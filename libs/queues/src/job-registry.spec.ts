import type { OutboxRepository } from '@lib/database';
import { dispatchRequests, jobForOutboxEvent, jobOptions, jobs } from './job-registry';

describe('job registry', () => {
  const now = Date.parse('2026-11-25T12:00:00Z');
  const event = (topic: string, payload: Record<string, unknown>) => ({ id: 'event-1', cooperativeId: 'coop-1', topic, payload });

  it('turns each outbox topic into its job, with the event id as job id and the policy of the job', () => {
    const dispatch = jobForOutboxEvent(event('dispatch', { orderId: 'order-1' }), now);
    expect(dispatch).toEqual({ job: 'decide', data: { cooperativeId: 'coop-1', orderId: 'order-1' }, options: { jobId: 'event-1' } });
    expect(jobOptions(dispatch)).toEqual({ attempts: 8, backoff: { type: 'exponential', delay: 1000 }, jobId: 'event-1' });
    const webhook = jobForOutboxEvent(event('webhook.delivery', { deliveryId: 'delivery-1' }), now);
    expect(webhook).toMatchObject({ job: 'deliverWebhook', data: { cooperativeId: 'coop-1', deliveryId: 'delivery-1' }, options: { jobId: 'event-1' } });
    expect(jobOptions(webhook).backoff).toEqual({ type: 'exponential', delay: 2000 });
  });

  it('delays an offer expiry until the offer ends, one job per offer, never a negative delay', () => {
    const expiresAt = new Date(now + 30_000).toISOString();
    expect(jobForOutboxEvent(event('offer.expiry', { offerId: 'offer-1', expiresAt }), now)).toEqual({
      job: 'expireOffer',
      data: { cooperativeId: 'coop-1', offerId: 'offer-1' },
      options: { jobId: 'expiry-offer-1', delay: 30_000 },
    });
    expect(jobForOutboxEvent(event('offer.expiry', { offerId: 'offer-1', expiresAt }), now + 60_000).options.delay).toBe(0);
  });

  it('refuses a topic it has no route for', () => {
    expect(() => jobForOutboxEvent(event('offer.made', {}), now)).toThrow('outbox topic "offer.made" has no queue');
    expect(() => jobForOutboxEvent(event('constructor', {}), now)).toThrow('has no queue');
  });

  it('asks for decisions outside the outbox on the same job', () => {
    expect(dispatchRequests.tick('coop-1', 7)).toEqual({ job: 'decide', data: { cooperativeId: 'coop-1', reason: 'tick' }, options: { jobId: 'tick-coop-1-7' } });
    expect(dispatchRequests.followUp('coop-1', 500)).toEqual({
      job: 'decide',
      data: { cooperativeId: 'coop-1', reason: 'follow-up' },
      options: { delay: 500, deduplication: { id: 'follow-up-coop-1', ttl: 500 } },
    });
    expect(jobs.decide.queue).toBe('dispatch');
  });

  it('types the outbox against the table (checked by the type-check, never run)', () => {
    const typed = (outbox: OutboxRepository) => [
      outbox.add('dispatch', { orderId: 'order-1' }),
      outbox.add('offer.expiry', { offerId: 'offer-1', expiresAt: new Date().toISOString() }),
      // @ts-expect-error: no such topic
      outbox.add('offer.made', { offerId: 'offer-1' }),
      // @ts-expect-error: the payload of another topic
      outbox.add('webhook.delivery', { offerId: 'offer-1' }),
      // @ts-expect-error: an unknown reason
      outbox.add('dispatch', { reason: 'because' }),
    ];
    expect(typed).toBeInstanceOf(Function);
  });
});
