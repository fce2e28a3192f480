import { MdrpCourier, onShiftAt } from '../../apps/sim/src/mdrp/instance';

/** The fairness bounds' relaxation (travel and capacity do not matter): an order may go,
 *  the minute its food is ready, to any courier on shift then for at least 5 minutes. */
export function mayTakeWhenReady(courier: MdrpCourier, readyAt: number): boolean {
  return onShiftAt(courier, readyAt) && courier.onAt <= readyAt - 5;
}
