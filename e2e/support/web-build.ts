import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const repoRoot = join(__dirname, '../..');
const sources = join(repoRoot, 'apps/web');
const builtPage = join(repoRoot, 'dist/web/dispatch.html');

/**
 * `npm test` builds everything before the e2e run; a developer running one spec may not
 * have. Rebuild the pages when the build is missing or older than any file under apps/web,
 * so a browser test never runs against a stale bundle.
 */
export function ensureWebBuilt(): void {
  if (existsSync(builtPage) && newestChange(sources) <= statSync(builtPage).mtimeMs) return;
  execFileSync(join(repoRoot, 'node_modules/.bin/vite'), ['build', '--config', 'apps/web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
  });
}

function newestChange(folder: string): number {
  return readdirSync(folder, { withFileTypes: true }).reduce((newest, entry) => {
    const path = join(folder, entry.name);
    return Math.max(newest, entry.isDirectory() ? newestChange(path) : statSync(path).mtimeMs);
  }, 0);
}
