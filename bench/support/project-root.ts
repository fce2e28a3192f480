import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The checkout's root (the folder with package.json), whether this runs from bench/ or dist/bench/. */
export function projectRoot(from = __dirname): string {
  let folder = from;
  while (!existsSync(join(folder, 'package.json')) || folder.endsWith(`${join('/', 'dist')}`)) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`no package.json above ${from}`);
    folder = parent;
  }
  return folder;
}
