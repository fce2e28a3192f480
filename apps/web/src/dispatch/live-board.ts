import type { DispatchBoardView } from '@lib/wire';
import { api } from '../shared/api-client';
import type { LiveSocket } from '../shared/live';
import type { BoardStore } from './board-store';

/**
 * Feeds the store: the board from the REST API, then the `/dispatch` events. On every
 * (re)connection the board is fetched again so nothing missed while offline stays wrong.
 */
export function feedBoard(store: BoardStore, socket: LiveSocket<'/dispatch'>): Promise<void> {
  const reload = async () => store.load(await api<DispatchBoardView>('GET', '/dispatch/board'));
  socket.on('courier.position', (event) => store.applyPosition(event));
  // The batched form (we connect with `batch: true`): `{ positions, snapshot }`, the first
  // frame of a connection being the snapshot of every courier with a recent position.
  socket.on('courier.positions', ({ positions }) => positions.forEach((event) => store.applyPosition(event)));
  socket.on('courier.status', (event) => store.applyStatus(event));
  socket.on('order.updated', (order) => store.applyOrder(order));
  socket.on('connect', () => {
    if (socket.recovered) return;
    void reload();
  });
  return reload();
}
