import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { collectedGauge } from './collected-gauge';

const poolConnections = collectedGauge(
  'db_pool_connections',
  'PostgreSQL pool of this process: connections open (total), idle, and requests waiting for one (waiting)',
  ['state'],
  'sum',
);
const poolMax = collectedGauge('db_pool_max_connections', 'Most connections the PostgreSQL pool of this process may open', [], 'sum');

/** What node-postgres's Pool counts; TypeORM keeps it as its driver's `master`. */
interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options?: { max?: number };
}

/** The application pool's usage, read on scrape from node-postgres's own counters. */
@Injectable()
export class PoolMetrics implements OnModuleInit, OnApplicationShutdown {
  private readonly removals: (() => void)[] = [];

  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    const pool = () => (this.dataSource.driver as unknown as { master?: PgPool }).master;
    this.removals.push(
      poolConnections.addSource(async () => {
        const current = pool();
        if (!current) return [];
        return [
          { labels: { state: 'total' }, value: current.totalCount },
          { labels: { state: 'idle' }, value: current.idleCount },
          { labels: { state: 'waiting' }, value: current.waitingCount },
        ];
      }),
      poolMax.addSource(async () => {
        const max = pool()?.options?.max;
        return max === undefined ? [] : [{ labels: {}, value: max }];
      }),
    );
  }

  onApplicationShutdown(): void {
    for (const remove of this.removals) remove();
  }
}
