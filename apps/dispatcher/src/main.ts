import 'reflect-metadata';
import { startProcess } from '@lib/http';
import { createDispatcherApp } from './dispatcher.app';

void startProcess({
  name: 'dispatcher',
  required: ['JWT_SECRET'],
  create: createDispatcherApp,
  port: (config) => config.env.DISPATCHER_PORT,
});
