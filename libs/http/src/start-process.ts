import { INestApplication } from '@nestjs/common';
import { AppConfig, ConfigError, Environment } from '@lib/config';
import { checkStores, StoreCheckOptions, StoreMisconfiguredError, StoreUnreachableError } from './check-stores';
import { drainGate } from './drain-gate';

export interface ProcessDefinition {
  name: string;
  required?: (keyof Environment)[];
  /** What the start-up check demands of the stores beyond answering (queue workers: no eviction). */
  stores?: StoreCheckOptions;
  create: (config: AppConfig) => Promise<INestApplication>;
  port: (config: AppConfig) => number;
}

/** From the first SIGTERM/SIGINT to exit 1 if stopping has not finished by then. */
const SHUTDOWN_GRACE_MS = 10_000;
/**
 * From a stop to closing the app, readiness answers 503 while everything else is still served:
 * long enough for a balancer or a readiness probe polling every second to take the instance out
 * before its port closes (Kubernetes also drops the endpoint when the pod is deleted, and its
 * preStop sleep covers the propagation). Part of SHUTDOWN_GRACE_MS.
 */
const DRAIN_MS = 2_000;

/**
 * Entry point shared by the three processes: validate config, check the stores, boot,
 * listen; on a start-up failure print one line and exit 1.
 *
 * SIGTERM/SIGINT are handled from the first line on, start-up included: a signal that came
 * before a handler would get the default action, which for PID 1 in a container (no init in
 * front of node) is to ignore it, and the process would start and run on. Stopping never
 * waits past SHUTDOWN_GRACE_MS, whatever PostgreSQL and Redis do.
 */
export async function startProcess(definition: ProcessDefinition): Promise<void> {
  const stopper = new Stopper(definition.name);
  try {
    const config = AppConfig.fromEnvironment(process.env, definition.required);
    const warnings = await checkStores(config, definition.stores);
    for (const warning of warnings) process.stderr.write(`${definition.name} warning: ${warning}\n`);
    if (stopper.requested) return stopper.stopped();
    const app = await stopper.starting(definition.create(config));
    if (stopper.requested) return await stopper.close();
    // Before listen, so that it runs ahead of every route.
    app.use(drainGate(() => stopper.requested));
    const port = definition.port(config);
    await app.listen(port, '0.0.0.0');
    if (stopper.requested) return await stopper.close();
    stopper.running();
    process.stdout.write(`${definition.name} listening on :${port}\n`);
  } catch (error) {
    const known = error instanceof ConfigError || error instanceof StoreUnreachableError || error instanceof StoreMisconfiguredError;
    const message = known ? (error as Error).message : error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`${definition.name} failed to start: ${message}\n`);
    process.exit(1);
  }
}

/**
 * The process's stop: the first signal stops it and exits 0; exit 1 if that has not happened
 * within the grace. A running process first drains (readiness 503 for DRAIN_MS, still serving),
 * then closes the app: every shutdown hook runs, workers finish or hand back their jobs, the
 * server lets requests in flight finish, connections close.
 */
class Stopper {
  requested = false;
  private app?: INestApplication;
  private phase: 'checking' | 'starting' | 'running' = 'checking';

  constructor(private readonly name: string) {
    const onSignal = (signal: NodeJS.Signals) => this.signal(signal);
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  }

  /** Nothing to close until the app exists; from then on a signal must wait for it and close it. */
  async starting(created: Promise<INestApplication>): Promise<INestApplication> {
    this.phase = 'starting';
    this.app = await created;
    return this.app;
  }

  running(): void {
    this.phase = 'running';
  }

  stopped(): never {
    process.stdout.write(`${this.name} stopped\n`);
    process.exit(0);
  }

  async close(): Promise<void> {
    try {
      await this.app?.close();
    } catch (error) {
      process.stderr.write(`${this.name} did not stop cleanly: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    }
    this.stopped();
  }

  private signal(signal: NodeJS.Signals): void {
    // One stop is enough: `npm run` forwards the signal its process group also sent to node.
    if (this.requested) return;
    this.requested = true;
    process.stdout.write(`${this.name} received ${signal}, shutting down\n`);
    setTimeout(() => {
      process.stderr.write(`${this.name} did not stop within ${SHUTDOWN_GRACE_MS} ms\n`);
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    // While checking the stores nothing is open yet; while starting, start-up closes the app when it is up.
    if (this.phase === 'checking') this.stopped();
    if (this.phase === 'running') void this.drainThenClose();
  }

  private async drainThenClose(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, DRAIN_MS));
    await this.close();
  }
}
