import { Gauge } from 'prom-client';
import { metricsRegistry } from './metrics';

export interface GaugeReading {
  labels: Record<string, string>;
  value: number;
}

/** Reads the current values; called on every scrape. */
export type GaugeSource = () => Promise<GaugeReading[]>;

export interface CollectedGauge {
  /** Adds a source; returns its removal (for the app's shutdown). */
  addSource(source: GaugeSource): () => void;
}

/** How readings of several sources in one process combine: added up (each its own pool), or the first one's (all read the same store). */
export type SourcesCombine = 'sum' | 'first';

/** How long a scrape waits for a source; a store that does not answer leaves its series out of that scrape. */
const SOURCE_TIMEOUT_MS = 1000;

/**
 * A gauge read when Prometheus scrapes, from the sources the apps registered. Sources, not a
 * single callback, because several apps share one process (and one registry) in the e2e tests.
 */
export function collectedGauge(name: string, help: string, labelNames: string[], combine: SourcesCombine): CollectedGauge {
  const sources = new Set<GaugeSource>();
  new Gauge({
    name,
    help,
    labelNames,
    registers: [metricsRegistry],
    async collect() {
      const chosen = combine === 'first' ? [...sources].slice(0, 1) : [...sources];
      const readings = await Promise.all(chosen.map((source) => withinTimeout(source())));
      this.reset();
      for (const reading of readings.flat()) this.inc(reading.labels, reading.value);
    },
  });
  return {
    addSource: (source) => {
      sources.add(source);
      return () => sources.delete(source);
    },
  };
}

async function withinTimeout(readings: Promise<GaugeReading[]>): Promise<GaugeReading[]> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<GaugeReading[]>((resolve) => (timer = setTimeout(() => resolve([]), SOURCE_TIMEOUT_MS)));
  try {
    return await Promise.race([readings.catch(() => []), late]);
  } finally {
    clearTimeout(timer);
  }
}
