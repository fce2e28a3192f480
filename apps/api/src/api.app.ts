import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig } from '@lib/config';
import { configureHttpApp } from '@lib/http';
import { setUpApiDocs } from './api-docs';
import { ApiModule } from './api.module';

/** Builds the API exactly as production runs it; the entry point and the e2e tests share it. */
export async function createApiApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forConfig(config), { bufferLogs: true, bodyParser: false });
  configureApiApp(app, config);
  return app;
}

export function configureApiApp(app: NestExpressApplication, config: AppConfig): void {
  configureHttpApp(app, config);
  setUpApiDocs(app);
}
