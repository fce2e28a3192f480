import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The folder that holds the built pages (`dist/web`, written by `npm run build:web`).
 * This file runs from `dist/apps/api/src/web/` in production and from `apps/api/src/web/`
 * under jest, so the depth differs: walk up to the repository root (the folder with
 * package.json) instead of counting `..`.
 */
export function builtWebRoot(start: string = __dirname): string {
  let folder = start;
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`no package.json above ${start}: cannot locate dist/web`);
    folder = parent;
  }
  return join(folder, 'dist', 'web');
}
