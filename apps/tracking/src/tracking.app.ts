import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig } from '@lib/config';
import { configureHttpApp } from '@lib/http';
import { TrackingIoAdapter } from './tracking-io.adapter';
import { TrackingModule } from './tracking.module';

/** Builds the gateway exactly as production runs it; the entry point and the e2e tests share it. */
export async function createTrackingApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(TrackingModule.forConfig(config), { bufferLogs: true, bodyParser: false });
  configureHttpApp(app, config);
  app.useWebSocketAdapter(new TrackingIoAdapter(app, config));
  return app;
}
