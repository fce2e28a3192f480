import 'reflect-metadata';
import { startProcess } from '@lib/http';
import { createTrackingApp } from './tracking.app';

void startProcess({
  name: 'tracking',
  required: ['JWT_SECRET'],
  create: createTrackingApp,
  port: (config) => config.env.TRACKING_PORT,
});
