import 'reflect-metadata';
import { startProcess } from '@lib/http';

void startProcess({
  name: 'tracking',
  required: ['JWT_SECRET'],
  // Loaded once startProcess handles SIGTERM: a stop in the second it takes to load is not lost.
  create: async (config) => (await import('./tracking.app')).createTrackingApp(config),
  port: (config) => config.env.TRACKING_PORT,
});
