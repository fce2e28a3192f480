import { canTransition, sourcesOf, webhookEventFor } from './order-status-machine';

describe('order status machine', () => {
  it('follows the happy path of the contract', () => {
    expect(canTransition('pending', 'offered')).toBe(true);
    expect(canTransition('offered', 'assigned')).toBe(true);
    expect(canTransition('assigned', 'picked_up')).toBe(true);
    expect(canTransition('picked_up', 'delivered')).toBe(true);
  });

  it('lets an offer fall back to pending but never skips pickup or reopens a closed order', () => {
    expect(canTransition('offered', 'pending')).toBe(true);
    expect(canTransition('assigned', 'delivered')).toBe(false);
    expect(canTransition('delivered', 'cancelled')).toBe(false);
    expect(canTransition('cancelled', 'pending')).toBe(false);
    expect(canTransition('failed', 'assigned')).toBe(false);
  });

  it('knows where a cancellation may come from, narrowed by role', () => {
    expect(sourcesOf('cancelled').sort()).toEqual(['assigned', 'offered', 'pending', 'picked_up']);
    expect(sourcesOf('cancelled', ['pending', 'offered', 'assigned'])).not.toContain('picked_up');
  });

  it('announces webhooks only for the contract events', () => {
    expect(webhookEventFor('offered')).toBeNull();
    expect(webhookEventFor('pending')).toBeNull();
    expect(webhookEventFor('delivered')).toBe('order.delivered');
  });
});
