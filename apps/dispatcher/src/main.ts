import 'reflect-metadata';
import { startProcess } from '@lib/http';

void startProcess({
  name: 'dispatcher',
  required: ['JWT_SECRET'],
  // BullMQ workers: an evicting Redis would lose queued jobs and their locks.
  stores: { noEviction: true },
  // Loaded once startProcess handles SIGTERM: a stop in the second it takes to load is not lost.
  create: async (config) => (await import('./dispatcher.app')).createDispatcherApp(config),
  port: (config) => config.env.DISPATCHER_PORT,
});
