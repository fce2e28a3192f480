import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtWebRoot } from './web-root';

describe('builtWebRoot', () => {
  it('finds dist/web from the source folder and from the compiled folder alike', () => {
    const repo = mkdtempSync(join(tmpdir(), 'web-root-'));
    writeFileSync(join(repo, 'package.json'), '{}');
    const source = join(repo, 'apps/api/src/web');
    const compiled = join(repo, 'dist/apps/api/src/web');
    mkdirSync(source, { recursive: true });
    mkdirSync(compiled, { recursive: true });
    expect(builtWebRoot(source)).toBe(join(repo, 'dist/web'));
    expect(builtWebRoot(compiled)).toBe(join(repo, 'dist/web'));
  });
});
