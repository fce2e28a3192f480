import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MdrpSolution } from './solution';

export const SOLUTION_FILES = {
  assignments: 'solution_info_assignments.txt',
  orders: 'solution_info_orders.txt',
  couriers: 'solution_info_couriers.txt',
} as const;

/** Space-separated, header line first, exactly as the public evaluator reads them. */
export function writeSolution(folder: string, solution: MdrpSolution): void {
  mkdirSync(folder, { recursive: true });
  write(folder, SOLUTION_FILES.assignments, 'assignment_time pickup_time courier orders', solution.assignments.map((a) => [a.assignedAt, a.pickupAt, a.courierId, ...a.orderIds]));
  write(folder, SOLUTION_FILES.orders, 'order placement_time ready_time pickup_time dropoff_time courier', solution.orders.map((o) => [o.orderId, o.placedAt, o.readyAt, o.pickupAt, o.dropoffAt, o.courierId]));
  write(folder, SOLUTION_FILES.couriers, 'courier departure_time origin destination', solution.moves.map((m) => [m.courierId, m.departedAt, m.origin, m.destination]));
}

/** Reads the files back, so checks and metrics see what the evaluator would. */
export function readSolution(folder: string): MdrpSolution {
  return {
    assignments: rows(folder, SOLUTION_FILES.assignments).map(([at, pickup, courierId, ...orderIds]) => ({ assignedAt: +at, pickupAt: +pickup, courierId, orderIds })),
    orders: rows(folder, SOLUTION_FILES.orders).map(([orderId, placed, ready, pickup, dropoff, courierId]) => ({
      orderId,
      placedAt: +placed,
      readyAt: +ready,
      pickupAt: +pickup,
      dropoffAt: +dropoff,
      courierId,
    })),
    moves: rows(folder, SOLUTION_FILES.couriers).map(([courierId, departed, origin, destination]) => ({ courierId, departedAt: +departed, origin, destination })),
  };
}

function write(folder: string, file: string, header: string, lines: (string | number)[][]): void {
  writeFileSync(join(folder, file), [header, ...lines.map((l) => l.join(' '))].join('\n') + '\n');
}

function rows(folder: string, file: string): string[][] {
  return readFileSync(join(folder, file), 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => l.trim().split(/\s+/));
}
