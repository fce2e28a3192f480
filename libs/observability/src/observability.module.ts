import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { HealthController } from './health.controller';
import { HttpMetricsInterceptor } from './http-metrics.interceptor';
import { PoolMetrics } from './pool.metrics';

/** Health, readiness and `/metrics` on every process, with request timings and the pool's usage. */
@Module({
  controllers: [HealthController],
  providers: [{ provide: APP_INTERCEPTOR, useClass: HttpMetricsInterceptor }, PoolMetrics],
})
export class ObservabilityModule {}
