import { AppConfig, ConfigError } from '@lib/config';
import { runMigrations } from '../run-migrations';

/** `npm run db:migrate`: idempotent, safe to run from several replicas at once. */
async function main(): Promise<void> {
  const applied = await runMigrations(AppConfig.fromEnvironment(process.env));
  console.log(applied.length ? `migrations applied: ${applied.join(', ')}` : 'database schema is up to date');
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error);
  console.error(`db:migrate failed: ${message}`);
  process.exit(1);
});
