import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, parse } from 'yaml';
import type { KubernetesObject } from './kubernetes-schemas';

export const root = join(__dirname, '..', '..', '..');
export const k8sDir = join(root, 'infra', 'k8s');

export interface ManifestFile {
  name: string;
  objects: KubernetesObject[];
}

/** Every YAML document of a file, failing on the first parse error (with its line). */
export function parseYamlDocuments(path: string): unknown[] {
  return parseAllDocuments(readFileSync(path, 'utf8')).flatMap((document) => {
    if (document.errors.length) throw new Error(`${path}: ${document.errors.map((error) => error.message).join('; ')}`);
    const value = document.toJS();
    return value == null ? [] : [value];
  });
}

/** One YAML document, with `<<` merge keys applied (docker-compose's `<<: *app`). */
export function parseYaml(path: string): any {
  return parse(readFileSync(path, 'utf8'), { merge: true });
}

/** The files kustomization.yaml applies, each with its Kubernetes objects. */
export function appliedManifests(): ManifestFile[] {
  const kustomization = parseYaml(join(k8sDir, 'kustomization.yaml')) as { resources: string[] };
  return kustomization.resources.map((name) => ({ name, objects: parseYamlDocuments(join(k8sDir, name)) as KubernetesObject[] }));
}

export function yamlFilesIn(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'));
}

/** The `start:*` / `db:migrate` scripts of package.json, as argument lists (`node dist/...`). */
export function processCommands(): Record<'api' | 'dispatcher' | 'tracking' | 'migrate', string[]> {
  const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts as Record<string, string>;
  const split = (script: string) => scripts[script].split(' ');
  return { api: split('start:api'), dispatcher: split('start:dispatcher'), tracking: split('start:tracking'), migrate: split('db:migrate') };
}

/** Whether `labels` carry every pair of `selector` (a matchLabels selector). */
export function selects(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector) return false;
  return Object.entries(selector).every(([key, value]) => labels?.[key] === value);
}
