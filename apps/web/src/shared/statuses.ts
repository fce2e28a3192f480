import type { OrderStatus } from '@lib/wire';

/** An order in one of these is done: it leaves the board and the courier's jobs. */
export const FINISHED_STATUSES: readonly OrderStatus[] = ['delivered', 'failed', 'cancelled'];
