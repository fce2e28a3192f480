import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from './project-root';
import { gitCommit, machineInfo, MachineInfo } from '../quality/machine-info';

export const RESULTS_FOLDER = join(projectRoot(), 'bench', 'results');

/** The header every result file starts with: what ran, on which code, on which machine. */
export interface ResultHeader {
  readonly scenario: string;
  readonly command: string;
  readonly commit: string;
  /** Uncommitted changes under apps/ or libs/ when measured (others edit the same checkout). */
  readonly productCodeChanged: boolean;
  readonly machine: MachineInfo & { loadAverage: number[] };
  readonly measuredAt: string;
  readonly note: string;
}

export function resultHeader(scenario: string, command: string): ResultHeader {
  return {
    scenario,
    command,
    commit: gitCommit(),
    productCodeChanged: productCodeChanged(),
    machine: { ...machineInfo(), loadAverage: loadavg().map((value) => Math.round(value * 100) / 100) },
    measuredAt: new Date().toISOString(),
    note: 'each figure is measured with its own baseline in the same run: compare the ratios across machines, not the absolute figures',
  };
}

function productCodeChanged(): boolean {
  try {
    return execFileSync('git', ['status', '--porcelain', '--', 'apps', 'libs'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false;
  }
}

/** Writes `<folder>/<name>.json` and returns its path. */
export function writeResult(name: string, result: object, folder = RESULTS_FOLDER): string {
  mkdirSync(folder, { recursive: true });
  const path = join(folder, `${name}.json`);
  writeFileSync(path, `${JSON.stringify(result, null, 2)}\n`);
  return path;
}

/** A plain-text table, columns padded to their widest cell. */
export function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [header, ...rows].map((row) => row.map(String));
  const widths = header.map((_, column) => Math.max(...cells.map((row) => row[column]?.length ?? 0)));
  const line = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd();
  return [line(cells[0]), widths.map((width) => '-'.repeat(width)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

/** Reads `--name value` options of a bench command line. */
export function cliOption(name: string, argv: readonly string[] = process.argv.slice(2)): string | undefined {
  const index = argv.indexOf(`--${name}`);
  return index >= 0 ? argv[index + 1] : undefined;
}

export const numberList = (value: string | undefined): number[] | undefined => value?.split(',').map(Number).filter((n) => Number.isFinite(n) && n > 0);

/** Runs a bench's main, exiting non-zero with the error when it fails. */
export function runMain(main: () => Promise<unknown>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
