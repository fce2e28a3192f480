import type { Socket } from 'socket.io-client';
import { api } from '../shared/api-client';
import { eachOf } from '../shared/live';
import type { BoardCourier, Order } from '../shared/types';
import type { BoardStore, CourierPositionEvent, CourierStatusEvent } from './board-store';

interface Board {
  couriers: BoardCourier[];
  orders: Order[];
}

/**
 * Feeds the store: the board from the REST API, then the `/dispatch` events. Each event
 * name may carry one item or an array (the gateway batches positions), and on every
 * (re)connection the board is fetched again so nothing missed while offline stays wrong.
 */
export function feedBoard(store: BoardStore, socket: Socket): Promise<void> {
  const reload = async () => store.load(await api<Board>('GET', '/dispatch/board'));
  socket.on('courier.position', (payload: CourierPositionEvent | CourierPositionEvent[]) => eachOf(payload, (event) => store.applyPosition(event)));
  // The batched form (we connect with `batch: true`): `{ positions, snapshot }`, the first
  // frame of a connection being the snapshot of every courier with a recent position.
  socket.on('courier.positions', (payload: CourierPositionEvent[] | { positions: CourierPositionEvent[]; snapshot?: boolean }) =>
    eachOf(Array.isArray(payload) ? payload : payload.positions, (event) => store.applyPosition(event)),
  );
  socket.on('courier.status', (payload: CourierStatusEvent | CourierStatusEvent[]) => eachOf(payload, (event) => store.applyStatus(event)));
  socket.on('order.updated', (payload: Order | Order[]) => eachOf(payload, (order) => store.applyOrder(order)));
  socket.on('connect', () => {
    if (socket.recovered) return;
    void reload();
  });
  return reload();
}
