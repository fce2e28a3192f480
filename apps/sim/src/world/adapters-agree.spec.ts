import { CooperativeSettings, DispatchDecisionRecord, DispatchDecisionsRepository, DispatchStateRepository, OrdersRepository, withDefaultSettings } from '@lib/database';
import { OfferLifecycle } from '@lib/dispatch';
import { DispatchDecisions, DispatchPolicy, GreedyPolicy, RollingHorizonPolicy, seededRng } from '@lib/dispatch-policy';
import { OrderTransitions } from '@lib/orders';
// Production's adapter, so the two interpretations of one outcome list can be compared.
import { DecisionApplier } from '../../../dispatcher/src/dispatch/decision-applier';
import { MdrpInstance, MdrpOrder } from '../mdrp/instance';
import { advanceWorld } from './advance-world';
import { applyDecisions } from './apply-decisions';
import { ALWAYS_ACCEPT } from './offer-responder';
import { createWorld, SimWorld } from './sim-world';
import { worldSnapshot } from './world-snapshot';

/** What an adapter did with one outcome list. */
interface Acted {
  offers: Record<string, string>;
  flagged: string[];
  deferred: string[];
}

const NOW = 100;
const at = (x: number, y = 0) => ({ x, y });
const order = (id: string, restaurantId: string, overrides: Partial<MdrpOrder> = {}): MdrpOrder => ({ id, restaurantId, dropoff: at(1000, 200), placedAt: 90, readyAt: 100, ...overrides });

/** One small co-op with each of the co-op's rules at work: `full` already holds an order of r1
 *  and may hold one at a time; `tired` reached the offer limit; every courier with room refused
 *  `refused`; `match` is an ordinary order and `later` still cooks. */
function aWorld(): SimWorld {
  const instance: MdrpInstance = {
    name: 'adapters-agree',
    restaurants: new Map([
      ['r1', at(0)],
      ['r2', at(0, 3000)],
    ]),
    couriers: [
      { id: 'near', start: at(300), onAt: 0, offAt: 600 },
      { id: 'far', start: at(1500), onAt: 0, offAt: 600 },
      { id: 'full', start: at(100), onAt: 0, offAt: 600 },
    ],
    orders: [order('held', 'r1', { readyAt: 110 }), order('match', 'r1'), order('later', 'r1', { readyAt: 140 }), order('tired', 'r2'), order('refused', 'r2')],
    parameters: { metresPerMinute: 100, pickupServiceMinutes: 4, dropoffServiceMinutes: 4, targetClickToDoor: 40, maxClickToDoor: 90, payPerOrder: 10, guaranteedPayPerHour: 15 },
  };
  const world = createWorld(instance, { courierCapacity: 1 });
  const held = { courierId: 'full', orderIds: ['held'], newOrderIds: ['held'], pickupGroup: 'r1', expectedPickupAt: 110, expectedDropoffAt: [0], score: 0, reason: 'earlier', candidates: [] };
  applyDecisions(world, 90, { assignments: [held], deferred: [], needsAttention: [] }, ALWAYS_ACCEPT);
  refuse(world, 'tired', ['far', 'full', 'gone-home']);
  refuse(world, 'refused', ['near', 'far']);
  advanceWorld(world, NOW);
  return world;
}

function refuse(world: SimWorld, orderId: string, courierIds: string[]): void {
  const refused = world.orders.get(orderId)!;
  refused.excludedCourierIds.push(...courierIds);
  refused.offersMade = courierIds.length;
}

function actInSimulator(world: SimWorld, decisions: DispatchDecisions): Acted {
  const before = new Set([...world.orders.values()].filter((o) => o.courierId !== undefined).map((o) => o.spec.id));
  applyDecisions(world, NOW, decisions, ALWAYS_ACCEPT);
  const orders = [...world.orders.values()].filter((o) => !before.has(o.spec.id));
  return {
    offers: Object.fromEntries(orders.filter((o) => o.courierId !== undefined).map((o) => [o.spec.id, o.courierId!])),
    flagged: orders.filter((o) => o.needsAttention).map((o) => o.spec.id).sort(),
    deferred: orders.filter((o) => o.courierId === undefined && !o.needsAttention).map((o) => o.spec.id).sort(),
  };
}

/** Production's applier with its collaborators replaced by fakes that record what it asked for. */
async function actInProduction(decisions: DispatchDecisions, settings: CooperativeSettings) {
  const made: { orderId: string; courierId: string; timeoutSeconds: number }[] = [];
  const log: Omit<DispatchDecisionRecord, 'id' | 'decidedAt'>[] = [];
  const flagged: string[] = [];
  const announced: string[] = [];
  const offers = {
    make: async (proposals: { orderId: string; courierId: string }[], timeoutSeconds: number) =>
      proposals.map(({ orderId, courierId }) => (made.push({ orderId, courierId, timeoutSeconds }), { id: `offer-${orderId}`, orderId, courierId })),
  };
  const orders = { findById: async (id: string) => ({ id, status: 'pending' }), findByIds: async (ids: string[]) => ids.map((id) => ({ id })) };
  const decisionLog = { recordMany: async (entries: typeof log) => void log.push(...entries), latest: async () => new Map() };
  const transitions = { changedAll: async (all: { id: string }[]) => void announced.push(...all.map((o) => o.id)) };
  const state = { flagNeedsAttention: async (ids: string[]) => (flagged.push(...ids), ids) };
  const applier = new DecisionApplier(
    offers as unknown as OfferLifecycle,
    orders as unknown as OrdersRepository,
    decisionLog as unknown as DispatchDecisionsRepository,
    transitions as unknown as OrderTransitions,
    state as unknown as DispatchStateRepository,
  );
  const result = await applier.apply(decisions, { policy: 'test', settings });
  const acted: Acted = {
    offers: Object.fromEntries(made.map((offer) => [offer.orderId, offer.courierId])),
    flagged: [...flagged].sort(),
    deferred: log.filter((entry) => entry.outcome === 'deferred').map((entry) => entry.orderId).sort(),
  };
  return { acted, result, made, log, announced };
}

describe.each<DispatchPolicy>([new RollingHorizonPolicy(), new GreedyPolicy()])('one snapshot, two adapters ($name)', (policy) => {
  const settings = withDefaultSettings({ maxOffersPerOrder: 3, offerTimeoutSeconds: 45 });

  it('the simulator and production act alike on the policy’s outcomes', async () => {
    const world = aWorld();
    const snapshot = worldSnapshot(world, NOW, { weights: { fairness: 0 }, limits: { maxOffersPerOrder: settings.maxOffersPerOrder } });
    expect(snapshot.couriers.map((c) => [c.id, c.spareCapacity])).toEqual([
      ['near', 1],
      ['far', 1],
      ['full', 0],
    ]);
    const decisions = policy.decide(snapshot, { rng: seededRng(NOW) });

    const production = await actInProduction(decisions, settings);
    const simulator = actInSimulator(world, decisions);
    expect(simulator).toEqual(production.acted);

    // And what both did is what the co-op's rules ask for.
    expect(production.acted.flagged).toEqual(['refused', 'tired']);
    expect(Object.values(production.acted.offers)).not.toContain('full');
    expect(production.acted.offers.match).toEqual(expect.any(String));
    expect(Object.keys(production.acted.offers).length + production.acted.flagged.length + production.acted.deferred.length).toBe(snapshot.orders.length);
    expect(production.result).toEqual({ offered: Object.keys(production.acted.offers).length, flagged: 2 });
    expect(production.made.every((offer) => offer.timeoutSeconds === 45)).toBe(true);
    expect(production.announced.sort()).toEqual(['refused', 'tired']);
    // The log explains a refused order; one at the offer limit is only flagged, as before.
    expect(production.log.filter((entry) => entry.outcome === 'no_candidate').map((entry) => entry.orderId)).toEqual(['refused']);
    expect(production.log.filter((entry) => entry.orderId === 'tired')).toEqual([]);
  });
});
