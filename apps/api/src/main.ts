import 'reflect-metadata';
import { startProcess } from '@lib/http';

void startProcess({
  name: 'api',
  required: ['JWT_SECRET'],
  // Loaded once startProcess handles SIGTERM: a stop in the second it takes to load is not lost.
  create: async (config) => (await import('./api.app')).createApiApp(config),
  port: (config) => config.env.API_PORT,
});
