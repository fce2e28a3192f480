import { DataSourceOptions } from 'typeorm';
import { AppConfig } from '@lib/config';
import { migrations } from './migrations';

export type DatabaseRole = 'application' | 'owner';

/**
 * The application connects with `role=dispatch_app` as a startup option, so every pooled
 * connection runs as a role that row-level security applies to. The owner connection is
 * only for migrations and test setup.
 */
export function dataSourceOptions(config: AppConfig, role: DatabaseRole = 'application'): DataSourceOptions {
  const roleOption = role === 'application' ? { options: `-c role=${config.env.DATABASE_APP_ROLE}` } : {};
  return {
    type: 'postgres',
    url: config.env.DATABASE_URL,
    migrations,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false, // failures surface as exceptions and are logged once, by the problem filter
    extra: { max: config.env.DATABASE_POOL_SIZE, connectionTimeoutMillis: 5000, ...roleOption },
  };
}
