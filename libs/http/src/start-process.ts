import { INestApplication } from '@nestjs/common';
import { AppConfig, ConfigError, Environment } from '@lib/config';
import { checkStores, StoreUnreachableError } from './check-stores';

export interface ProcessDefinition {
  name: string;
  required?: (keyof Environment)[];
  create: (config: AppConfig) => Promise<INestApplication>;
  port: (config: AppConfig) => number;
}

/**
 * Entry point shared by the three processes: validate config, check the stores, boot,
 * listen; on a start-up failure print one line and exit 1.
 */
export async function startProcess(definition: ProcessDefinition): Promise<void> {
  try {
    const config = AppConfig.fromEnvironment(process.env, definition.required);
    await checkStores(config);
    const app = await definition.create(config);
    const port = definition.port(config);
    await app.listen(port, '0.0.0.0');
    stopOnSignals(definition.name, app);
    process.stdout.write(`${definition.name} listening on :${port}\n`);
  } catch (error) {
    const known = error instanceof ConfigError || error instanceof StoreUnreachableError;
    const message = known ? (error as Error).message : error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`${definition.name} failed to start: ${message}\n`);
    process.exit(1);
  }
}

const SHUTDOWN_GRACE_MS = 10_000;

/**
 * SIGTERM/SIGINT: stop taking work, run every shutdown hook (workers finish or hand back
 * their jobs, connections close), then exit 0; exit 1 if that takes longer than the grace.
 */
function stopOnSignals(name: string, app: INestApplication): void {
  const stop = async (signal: NodeJS.Signals) => {
    process.stdout.write(`${name} received ${signal}, shutting down\n`);
    setTimeout(() => {
      process.stderr.write(`${name} did not stop within ${SHUTDOWN_GRACE_MS} ms\n`);
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    await app.close();
    process.stdout.write(`${name} stopped\n`);
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
