import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A private results folder for a smoke run, so `bench/results` keeps the real figures. */
export function smokeFolder(): { path: string; read: (name: string) => Record<string, any>; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'bench-smoke-'));
  return {
    path,
    read: (name) => JSON.parse(readFileSync(join(path, `${name}.json`), 'utf8')),
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}

/** The header every bench result starts with. */
export const header = {
  scenario: expect.any(String),
  command: expect.any(String),
  commit: expect.any(String),
  productCodeChanged: expect.any(Boolean),
  machine: expect.objectContaining({ cpuModel: expect.any(String), cores: expect.any(Number), node: expect.any(String) }),
  measuredAt: expect.any(String),
};

/** p50 ≤ p90 ≤ p99 ≤ max, all finite and non-negative. */
export function expectPercentiles(figures: { p50: number; p90?: number; p99: number; max: number }): void {
  for (const value of Object.values(figures)) expect(Number.isFinite(value) && value >= 0).toBe(true);
  expect(figures.p50).toBeLessThanOrEqual(figures.p99);
  expect(figures.p99).toBeLessThanOrEqual(figures.max);
}
