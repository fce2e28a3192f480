import { Gauge } from 'prom-client';
import { counter, metricsRegistry } from '@lib/observability';

export const locationMessages = counter('tracking_location_messages_total', 'Courier location messages by result', ['result']);
export const positionFrames = counter('tracking_position_ticks_total', 'Position ticks broadcast, one per cooperative with movement');
export const connectedSockets = new Gauge({
  name: 'tracking_connected_sockets',
  help: 'Sockets connected to this gateway instance, by namespace',
  labelNames: ['namespace'],
  registers: [metricsRegistry],
});
export const refusedHandshakes = counter('tracking_refused_handshakes_total', 'Handshakes refused, by namespace and reason', ['namespace', 'reason']);
