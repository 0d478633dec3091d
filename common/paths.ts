import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the nearest folder above this module whose package.json is Parapet's. */
export const repoRoot: string = findRoot(dirname(fileURLToPath(import.meta.url)));

function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'parapet') return dir;
    if (dirname(dir) === dir) throw new Error(`no Parapet package.json above ${start}`);
  }
}

/** A path inside the repository, e.g. `fromRoot('policies', 'frameworks')`. */
export function fromRoot(...parts: string[]): string {
  return join(repoRoot, ...parts);
}

/** The compiled form of a TypeScript module under dist/, e.g. for a worker thread's filename. */
export function distModule(...parts: string[]): string {
  return join(repoRoot, 'dist', ...parts);
}
