import { withDefaultSettings } from '@lib/database';
import type { CourierOnShiftRow, HeldOrderRow, WaitingOrderRow } from '@lib/database';
import type { LivePosition } from '@lib/positions';
import { SnapshotBuilder } from './snapshot-builder';

describe('SnapshotBuilder', () => {
  const now = new Date('2026-11-25T18:00:00Z');
  const nowMinutes = now.getTime() / 60_000;
  const courier = (id: string, overrides: Partial<CourierOnShiftRow> = {}): CourierOnShiftRow => ({
    id,
    name: id,
    capacity: 2,
    shiftEndsAt: null,
    onShiftMinutesToday: 90,
    deliveredToday: 3,
    earnedToday: 1500,
    ...overrides,
  });
  const positionOf = (courierId: string): LivePosition => ({ courierId, lat: 44.93, lng: 4.89, at: now, accuracy: 10, heading: null, speed: null });
  const build = (couriers: CourierOnShiftRow[], workOutlook?: { startsAt: number; slotMinutes: number; jobsPerCourierHour: number[] }, more: { waiting?: WaitingOrderRow[]; held?: HeldOrderRow[] } = {}) =>
    new SnapshotBuilder().build({
      now,
      settings: withDefaultSettings({ maxOffersPerOrder: 3 }),
      waiting: more.waiting ?? [],
      couriers,
      held: more.held ?? [],
      positions: couriers.map((c) => positionOf(c.id)),
      workOutlook,
    });
  const place = { lat: 44.93, lng: 4.89 };
  const heldBy = (courierId: string, id: string): HeldOrderRow => ({ id, courierId, status: 'offered', merchantId: 'm1', pickup: place, dropoff: place, createdAt: now, readyAt: now });

  it('ends a courier’s shift when it planned to, and an open shift eight hours from now', () => {
    const snapshot = build([courier('planned', { shiftEndsAt: new Date(now.getTime() + 45 * 60_000) }), courier('open')]);
    const endOf = (id: string) => snapshot.couriers.find((c) => c.id === id)!.shiftEndsAt;
    expect(endOf('planned')).toBeCloseTo(nowMinutes + 45);
    expect(endOf('open')).toBeCloseTo(nowMinutes + 8 * 60);
  });

  it('leaves out a courier past its planned end', () => {
    const snapshot = build([courier('late', { shiftEndsAt: new Date(now.getTime() - 60_000) }), courier('open')]);
    expect(snapshot.couriers.map((c) => c.id)).toEqual(['open']);
  });

  it('passes on the whole day’s time on shift, what was earned, and the co-op’s work outlook', () => {
    const outlook = { startsAt: nowMinutes - 18 * 60, slotMinutes: 30, jobsPerCourierHour: [1, 2] };
    const snapshot = build([courier('rider')], outlook);
    expect(snapshot.couriers[0]).toMatchObject({ onShiftMinutesToday: 90, ordersToday: 3, earningsToday: 1500 });
    expect(snapshot.workOutlook).toBe(outlook);
  });

  it('gives the policy each courier’s spare capacity, counting the orders it holds or is being offered, and keeps full couriers in', () => {
    const snapshot = build([courier('full', { capacity: 1 }), courier('room', { capacity: 3 })], undefined, { held: [heldBy('full', 'h1'), heldBy('room', 'h2')] });
    expect(snapshot.couriers.map((c) => [c.id, c.spareCapacity])).toEqual([
      ['full', 0],
      ['room', 2],
    ]);
  });

  it('passes on each order’s declined and expired offers and the co-op’s offer limit', () => {
    const waiting: WaitingOrderRow = { id: 'o1', merchantId: 'm1', pickup: place, dropoff: place, createdAt: now, readyAt: now, excludedCourierIds: ['a', 'b'], offersMade: 2 };
    const snapshot = build([courier('rider')], undefined, { waiting: [waiting] });
    expect(snapshot.orders[0]).toMatchObject({ id: 'o1', offersMade: 2, excludedCourierIds: ['a', 'b'] });
    expect(snapshot.limits).toEqual({ maxOffersPerOrder: 3 });
  });
});
