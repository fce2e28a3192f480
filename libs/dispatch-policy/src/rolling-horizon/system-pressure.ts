import { DispatchSnapshot } from '../model/snapshot';
import { RollingHorizonConfig } from './config';
import { CourierSlot } from './courier-slots';

/** How much work is coming per courier able to take it: the paper's
 *  (orders ready soon) / (couriers free soon). Above 1 couriers are scarce,
 *  so bundles get bigger and courier time gets a price. */
export interface SystemPressure {
  readonly ordersSoon: number;
  readonly couriersSoon: number;
  readonly ratio: number;
  readonly targetBundleSize: number;
  readonly courierMinutePrice: number;
}

export function systemPressure(snapshot: DispatchSnapshot, slots: readonly CourierSlot[], config: RollingHorizonConfig): SystemPressure {
  const ordersSoon = snapshot.orders.filter((o) => o.readyAt <= snapshot.now + config.pressureOrderLookahead).length;
  const couriersSoon = slots.filter(
    (s) => s.kind === 'fresh' && s.departsAt <= snapshot.now + config.pressureCourierLookahead,
  ).length;
  const ratio = ordersSoon / Math.max(1, couriersSoon);
  return {
    ordersSoon,
    couriersSoon,
    ratio,
    targetBundleSize: Math.min(config.maxBundleSize, Math.max(1, ratio)),
    courierMinutePrice: config.courierMinutePrice * Math.min(ratio, 4),
  };
}
