/**
 * Summarises a V8 CPU profile (`node --cpu-prof`): self time per function and per package,
 * heaviest first.
 *
 *   node dist/bench/support/profile-summary.js /tmp/prof/CPU.*.cpuprofile [top]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export function summarise(profile: Profile, top = 25): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, index) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
  const total = [...self.values()].reduce((sum, value) => sum + value, 0);
  const functions = new Map<string, number>();
  const packages = new Map<string, number>();
  for (const [id, micros] of self) {
    const frame = byId.get(id)!.callFrame;
    const where = frame.url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, '');
    const name = `${frame.functionName || '(anonymous)'} ${where.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + micros);
    const pkg = frame.url.includes('node_modules/')
      ? where.split('/').slice(0, where.startsWith('@') ? 2 : 1).join('/')
      : frame.url.includes('/dist/') ? `ours: ${where.replace(/^.*\/dist\//, '').split('/').slice(0, 2).join('/')}` : frame.url ? 'node internals' : frame.functionName;
    packages.set(pkg, (packages.get(pkg) ?? 0) + micros);
  }
  const list = (map: Map<string, number>) =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, micros]) => `${((100 * micros) / total).toFixed(1).padStart(5)} %  ${name}`).join('\n');
  return `total sampled ${(total / 1e6).toFixed(2)} s\n\nby package:\n${list(packages)}\n\nby function (self time):\n${list(functions)}`;
}

if (require.main === module) {
  const [file, top] = process.argv.slice(2);
  console.log(summarise(JSON.parse(readFileSync(file, 'utf8')) as Profile, Number(top ?? 25)));
}
