import { createPolicy, DEFAULT_COOP_WEIGHTS } from '@lib/dispatch-policy';
import { MdrpInstance } from '../mdrp/instance';
import { readMdrpInstance } from '../mdrp/read-instance';
import { replayDay } from '../replay/replay-day';
import { MdrpSolution, SolutionAssignment } from '../solution/solution';
import { solutionFromWorld } from '../solution/solution-from-world';
import { sharedMdrpInstance, SMOKE_INSTANCE } from '../testing/shared-instance';
import { ALWAYS_ACCEPT } from '../world/offer-responder';
import { checkFeasibility } from './check-feasibility';

describe('checkFeasibility (the public evaluator rules)', () => {
  let instance: MdrpInstance;
  let valid: MdrpSolution;
  beforeAll(() => {
    instance = readMdrpInstance(sharedMdrpInstance(SMOKE_INSTANCE));
    const replay = replayDay(instance, { policy: createPolicy('rolling-horizon'), weights: DEFAULT_COOP_WEIGHTS, responder: ALWAYS_ACCEPT, seed: 0 });
    valid = solutionFromWorld(replay.world);
  });

  /** The first assignment whose courier has a later job too (so moves can be broken). */
  const target = (): SolutionAssignment => valid.assignments.find((a) => valid.assignments.filter((b) => b.courierId === a.courierId).length > 1)!;
  const violationsOf = (solution: MdrpSolution) => checkFeasibility(instance, solution).violations.join('\n');

  it('accepts the solution the simulator wrote', () => {
    expect(checkFeasibility(instance, valid)).toEqual({ feasible: true, violations: [] });
  });

  it('rejects an order assigned twice', () => {
    const [a, b] = valid.assignments;
    const broken = { ...valid, assignments: [...valid.assignments, { ...b, orderIds: [...b.orderIds, a.orderIds[0]] }] };
    expect(violationsOf(broken)).toMatch(`order ${a.orderIds[0]} is in more than one assignment`);
  });

  it('rejects an assignment made before the order was placed', () => {
    const a = target();
    const placed = instance.orders.find((o) => o.id === a.orderIds[0])!.placedAt;
    expect(violationsOf(replaceAssignment(valid, a, { assignedAt: placed - 1 }))).toMatch('assigned before its placement');
  });

  it('rejects a pickup before the food is ready', () => {
    const a = target();
    const ready = Math.max(...a.orderIds.map((id) => instance.orders.find((o) => o.id === id)!.readyAt));
    const broken = replaceAssignment(valid, a, { pickupAt: ready - 1 });
    expect(violationsOf(broken)).toMatch('before ready');
  });

  it('rejects a pickup after the courier went off shift', () => {
    const a = target();
    const off = instance.couriers.find((c) => c.id === a.courierId)!.offAt;
    expect(violationsOf(replaceAssignment(valid, a, { pickupAt: off + 1 }))).toMatch('after off-time');
  });

  it('rejects a courier that teleports', () => {
    const moves = valid.moves.map((m, i) => (i === valid.moves.findIndex((x) => x.origin !== '0') ? { ...m, origin: 'r1' } : m));
    expect(violationsOf({ ...valid, moves })).toMatch('teleport');
  });

  it('rejects a courier that leaves before it arrives', () => {
    const i = valid.moves.findIndex((m) => m.origin !== '0');
    const moves = valid.moves.map((m, j) => (j === i ? { ...m, departedAt: m.departedAt - 60 } : m));
    expect(violationsOf({ ...valid, moves })).toMatch('leaves before arriving');
  });

  it('rejects drop-offs out of the assigned sequence', () => {
    const bundle = valid.assignments.find((a) => a.orderIds.length > 1)!;
    const broken = replaceAssignment(valid, bundle, { orderIds: [...bundle.orderIds].reverse() });
    expect(violationsOf(broken)).toMatch('dropped off out of sequence');
  });

  it('rejects a drop-off time at which the courier is elsewhere', () => {
    const line = valid.orders[0];
    const orders = valid.orders.map((o) => (o === line ? { ...o, dropoffAt: o.dropoffAt - 3 } : o));
    expect(violationsOf({ ...valid, orders })).toMatch(`not at order ${line.orderId}'s door`);
  });
});

function replaceAssignment(solution: MdrpSolution, target: SolutionAssignment, change: Partial<SolutionAssignment>): MdrpSolution {
  return { ...solution, assignments: solution.assignments.map((a) => (a === target ? { ...a, ...change } : a)) };
}
