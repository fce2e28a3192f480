import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig } from '@lib/config';
import { configureHttpApp } from '@lib/http';
import { DispatcherModule } from './dispatcher.module';

/** The worker with a small HTTP face for health checks and metrics (DISPATCHER_PORT). */
export async function createDispatcherApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(DispatcherModule.forConfig(config), { bufferLogs: true, bodyParser: false });
  configureHttpApp(app, config);
  return app;
}
