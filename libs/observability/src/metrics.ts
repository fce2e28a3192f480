import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * One registry per process; every metric we define lives here. The default metrics include
 * the event-loop lag (`nodejs_eventloop_lag_p99_seconds`), heap and CPU. Metric names are
 * what `infra/grafana/dispatch-dashboard.json` charts: rename one there too (a test checks).
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

/** Every request, by route pattern; intake latency is its `POST /api/v1/orders` series. */
export const httpRequestDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request duration by route and status',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [metricsRegistry],
});

export function counter(name: string, help: string, labelNames: string[] = []): Counter {
  return new Counter({ name, help, labelNames, registers: [metricsRegistry] });
}

export function histogram(name: string, help: string, labelNames: string[] = [], buckets?: number[]): Histogram {
  return new Histogram({ name, help, labelNames, buckets, registers: [metricsRegistry] });
}

export function gauge(name: string, help: string, labelNames: string[] = []): Gauge {
  return new Gauge({ name, help, labelNames, registers: [metricsRegistry] });
}
