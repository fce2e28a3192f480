import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { MdrpCourier, MdrpInstance, MdrpOrder, MdrpParameters } from './instance';

/** Reads the four tab-separated files of an instance folder (header line first). */
export function readMdrpInstance(folder: string): MdrpInstance {
  const restaurants = new Map(rows(folder, 'restaurants.txt').map(([id, x, y]) => [id, { x: +x, y: +y }] as const));
  const orders: MdrpOrder[] = rows(folder, 'orders.txt').map(([id, x, y, placedAt, restaurantId, readyAt]) => ({
    id,
    dropoff: { x: +x, y: +y },
    placedAt: +placedAt,
    restaurantId,
    readyAt: +readyAt,
  }));
  const couriers: MdrpCourier[] = rows(folder, 'couriers.txt').map(([id, x, y, onAt, offAt]) => ({
    id,
    start: { x: +x, y: +y },
    onAt: +onAt,
    offAt: +offAt,
  }));
  for (const order of orders) {
    if (!restaurants.has(order.restaurantId)) throw new Error(`${folder}: order ${order.id} names unknown restaurant ${order.restaurantId}`);
  }
  return { name: basename(folder), restaurants, orders, couriers, parameters: readParameters(folder) };
}

function readParameters(folder: string): MdrpParameters {
  const [values] = rows(folder, 'instance_parameters.txt');
  const [metresPerMinute, pickup, dropoff, target, maximum, payPerOrder, payPerHour] = values.map(Number);
  return {
    metresPerMinute,
    pickupServiceMinutes: pickup,
    dropoffServiceMinutes: dropoff,
    targetClickToDoor: target,
    maxClickToDoor: maximum,
    payPerOrder,
    guaranteedPayPerHour: payPerHour,
  };
}

function rows(folder: string, file: string): string[][] {
  return readFileSync(join(folder, file), 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => line.trim().split(/\s+/));
}
