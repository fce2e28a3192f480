import { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { AppConfig } from '@lib/config';
import { PinoNestLogger } from './logging/nest-logger';
import { ProblemFilter } from './problem.filter';
import { createValidationPipe } from './validation.pipe';

/** The edges every HTTP process shares; used by the entry points and by the e2e tests alike. */
export function configureHttpApp(app: NestExpressApplication, config: AppConfig): void {
  app.useLogger(app.get(PinoNestLogger));
  app.useBodyParser('json', { limit: config.env.BODY_LIMIT });
  app.use(helmet({ contentSecurityPolicy: false, crossOriginEmbedderPolicy: false }));
  app.useGlobalFilters(new ProblemFilter());
  app.useGlobalPipes(createValidationPipe());
  app.set('trust proxy', 'loopback');
  if (config.env.CORS_ORIGINS.length) app.enableCors({ origin: config.env.CORS_ORIGINS });
}
