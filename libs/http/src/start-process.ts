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
 * listen; on a start-up failure print one line and exit 1. SIGTERM closes the app
 * (shutdown hooks are enabled in configureHttpApp) and the process exits on its own.
 */
export async function startProcess(definition: ProcessDefinition): Promise<void> {
  try {
    const config = AppConfig.fromEnvironment(process.env, definition.required);
    await checkStores(config);
    const app = await definition.create(config);
    const port = definition.port(config);
    await app.listen(port, '0.0.0.0');
    process.stdout.write(`${definition.name} listening on :${port}\n`);
  } catch (error) {
    const known = error instanceof ConfigError || error instanceof StoreUnreachableError;
    const message = known ? (error as Error).message : error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`${definition.name} failed to start: ${message}\n`);
    process.exit(1);
  }
}
