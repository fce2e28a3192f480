/**
 * The contract's order statuses, declared once: the API, the database layer, the gateway,
 * the pages and the demo all use this type. `pending` → `offered` → `assigned` →
 * `picked_up` → `delivered`, with `failed` and `cancelled`; the allowed moves are in
 * `libs/orders` (`order-status-machine.ts`).
 */
export type OrderStatus = 'pending' | 'offered' | 'assigned' | 'picked_up' | 'delivered' | 'failed' | 'cancelled';
