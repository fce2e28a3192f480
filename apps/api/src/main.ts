import 'reflect-metadata';
import { startProcess } from '@lib/http';
import { createApiApp } from './api.app';

void startProcess({
  name: 'api',
  required: ['JWT_SECRET'],
  create: createApiApp,
  port: (config) => config.env.API_PORT,
});
