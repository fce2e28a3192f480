import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig, ConfigError, Environment } from '@lib/config';
import { checkStores, StoreUnreachableError } from './check-stores';
import { configureHttpApp } from './configure-http-app';

export interface ProcessDefinition {
  name: string;
  required?: (keyof Environment)[];
  module: (config: AppConfig) => unknown;
  port: (config: AppConfig) => number;
  /** Extra set-up after the shared edges (adapters, docs, static pages). */
  configure?: (app: NestExpressApplication, config: AppConfig) => Promise<void> | void;
}

/**
 * Entry point shared by the three processes: validate config, check the stores, boot,
 * listen, and on a start-up failure print one line and exit 1.
 */
export async function startProcess(definition: ProcessDefinition): Promise<void> {
  try {
    const config = AppConfig.fromEnvironment(process.env, definition.required);
    await checkStores(config);
    const app = await NestFactory.create<NestExpressApplication>(definition.module(config) as never, { bufferLogs: true, bodyParser: false });
    configureHttpApp(app, config);
    await definition.configure?.(app, config);
    const port = definition.port(config);
    await app.listen(port, '0.0.0.0');
    process.stdout.write(`${definition.name} listening on :${port}\n`);
  } catch (error) {
    const known = error instanceof ConfigError || error instanceof StoreUnreachableError;
    process.stderr.write(`${definition.name} failed to start: ${known ? (error as Error).message : (error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  }
}
