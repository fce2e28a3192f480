import { DispatchSnapshot, WaitingOrder } from '../model/snapshot';
import { planRoute } from '../shared/route-plan';
import { Bundle } from './bundle';
import { RollingHorizonConfig } from './config';
import { physicalLimitDropoff } from './order-limits';
import { SystemPressure } from './system-pressure';
import { mostUrgent, orderUrgency } from './urgency';

/** A fresh route also costs the courier's empty ride to the restaurant; this
 *  typical figure keeps "open another route" from looking free. */
const TYPICAL_APPROACH_MINUTES = 8;

/** Per restaurant, the paper's parallel insertion: at most ceil(n / target size)
 *  bundles, each order inserted where it adds least to
 *  price × route minutes + weight × delay. Under low pressure the price is
 *  near zero and almost every order rides alone; under pressure bundles grow. */
export function buildBundles(
  orders: readonly WaitingOrder[],
  snapshot: DispatchSnapshot,
  pressure: SystemPressure,
  config: RollingHorizonConfig,
): Bundle[] {
  const bundles: Bundle[] = [];
  for (const group of groupByRestaurant(orders)) {
    const routes = insertAll(group, snapshot, pressure, config);
    for (const route of routes) {
      if (route.length === 0) continue;
      const urgency = mostUrgent(route.map((o) => orderUrgency(o, snapshot, config.targetClickToDoor)));
      bundles.push({ restaurantId: route[0].restaurantId, pickup: route[0].pickup, orders: route, urgency });
    }
  }
  return bundles;
}

function insertAll(group: WaitingOrder[], snapshot: DispatchSnapshot, pressure: SystemPressure, config: RollingHorizonConfig): WaitingOrder[][] {
  const routeCount = Math.ceil(group.length / pressure.targetBundleSize);
  const routes: WaitingOrder[][] = Array.from({ length: routeCount }, () => []);
  const cost = (route: WaitingOrder[]) => routeCost(route, snapshot, pressure, config);
  for (const order of group) {
    let best = -1;
    let bestIncrease = Infinity;
    let triedEmpty = false;
    for (let i = 0; i < routes.length; i++) {
      const route = routes[i];
      if (route.length === 0 && triedEmpty) continue; // all empty routes are alike
      if (route.length === 0) triedEmpty = true;
      if (route.length >= config.maxBundleSize) continue;
      const increase = cost([...route, order]) - cost(route);
      const overTarget = route.length >= pressure.targetBundleSize;
      if (overTarget && !improvesEfficiency(route, order, snapshot, pressure, config)) continue;
      if (increase < bestIncrease) {
        bestIncrease = increase;
        best = i;
      }
    }
    if (best < 0) routes.push([order]); // every route is full: open one more
    else routes[best].push(order);
  }
  return routes;
}

/** Over the target size, an order only joins if minutes per order go down. */
function improvesEfficiency(route: WaitingOrder[], order: WaitingOrder, snapshot: DispatchSnapshot, pressure: SystemPressure, config: RollingHorizonConfig): boolean {
  const before = routeCost(route, snapshot, pressure, config) / route.length;
  const after = routeCost([...route, order], snapshot, pressure, config) / (route.length + 1);
  return after < before;
}

function routeCost(route: WaitingOrder[], snapshot: DispatchSnapshot, pressure: SystemPressure, config: RollingHorizonConfig): number {
  if (route.length === 0) return 0;
  const { service, travel } = snapshot;
  const plan = planRoute({ arrivesAt: -Infinity, notBefore: snapshot.now }, route[0].pickup, route, service, travel);
  const minutes = TYPICAL_APPROACH_MINUTES + plan.freeAt - plan.pickupAt;
  const delay = plan.sequence.reduce((sum, o, i) => sum + plan.dropoffAt[i] - physicalLimitDropoff(o, route[0].pickup, service, travel), 0);
  return pressure.courierMinutePrice * minutes + config.bundleDelayWeight * delay;
}

function groupByRestaurant(orders: readonly WaitingOrder[]): WaitingOrder[][] {
  const groups = new Map<string, WaitingOrder[]>();
  const byReady = [...orders].sort((a, b) => a.readyAt - b.readyAt || a.id.localeCompare(b.id));
  for (const order of byReady) {
    const group = groups.get(order.restaurantId) ?? [];
    group.push(order);
    groups.set(order.restaurantId, group);
  }
  return [...groups.values()];
}
