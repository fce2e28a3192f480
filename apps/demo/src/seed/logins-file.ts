import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SeededCoop } from './seed';

/**
 * Every demo login with where to use it, one per line, for scripts/demo.sh to print. All
 * demo accounts share one password, so the table stays narrow.
 */
export function loginsText(coops: SeededCoop[], apiUrl: string, password: string): string {
  const rows: string[][] = [];
  for (const { city, people } of coops) {
    rows.push([city.name, 'coop_admin', people.adminEmail, `${apiUrl}/app/dispatch`, '']);
    rows.push([city.name, 'dispatcher', people.dispatcherEmail, `${apiUrl}/app/dispatch`, '']);
    for (const merchant of people.merchants) rows.push([city.name, 'merchant', merchant.email, `${apiUrl}/app/merchant`, merchant.name]);
    for (const courier of people.couriers) {
      rows.push([city.name, 'courier', courier.email, `${apiUrl}/app/courier`, courier.simulated ? `${courier.name} (simulated)` : `${courier.name} (free: drive it yourself)`]);
    }
  }
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => row[column].length)));
  const lines = rows.map((row) => row.map((cell, column) => (column < 4 ? cell.padEnd(widths[column]) : cell)).join('  ').trimEnd());
  return [`# password for every account below: ${password}`, ...lines, ''].join('\n');
}

export function writeLoginsFile(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}
