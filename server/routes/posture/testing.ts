/**
 * Test fixture for the posture API and the dashboard: a server whose store
 * holds two real scans of the example estate (examples/estate, imported by the
 * importers, evaluated with the `all` bundle), the second one differing from
 * the first so that the diff has new and resolved findings.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromRoot } from '../../../common/paths.js';
import { InventoryWriter } from '../../../collectors/common/inventory-writer.js';
import { importFiles } from '../../../collectors/import/import.js';
import type { Resource } from '../../../collectors/schema/inventory.js';
import { buildBundle, definitionPath, readDefinition } from '../../../engine/bundle/build.js';
import { loadBundle } from '../../../engine/bundle/load.js';
import { runScan } from '../../../posture/scan.js';
import type { ScanRecord } from '../../../store/scans.js';
import { testServer, type TestServer } from '../../testing.js';

export const ESTATE = fromRoot('examples', 'estate');
export const ESTATE_TARGET = 'example-estate';
/** The evaluation clock of the fixture scans, pinned so that age-based rules do not drift. */
const NOW_NS = BigInt(Date.parse('2026-11-02T09:00:00Z')) * 1_000_000n;

export interface EstateFixture {
  server: TestServer;
  bundle: string;
  resources: Resource[];
  scans: ScanRecord[];
}

/**
 * Two scans of the example estate: the first without every seventh resource
 * (they show up as new in the second), the second without every eleventh (their
 * findings resolve as gone).
 */
export async function estateServer(dir: string): Promise<EstateFixture> {
  // The built `all` bundle when there is one; else a private build (two test files building
  // out/bundles at once could read each other's half-written archive).
  const def = readDefinition(definitionPath('all'));
  const built = fromRoot('out', 'bundles', `${def.name}-${def.version}.tar.gz`);
  const usable = existsSync(built) && (await loadBundle(built).then(() => true, () => false));
  const bundle = usable ? built : (await buildBundle(definitionPath('all'), { outDir: join(dir, 'bundles') })).file;
  const resources: Resource[] = [];
  const { sources } = await importFiles([ESTATE], { emit: async (r) => void resources.push(r) });
  const variant = async (name: string, keep: (r: Resource, i: number) => boolean) => {
    const file = join(dir, `${name}.ndjson`);
    const writer = await InventoryWriter.open(file);
    for (const [i, r] of resources.entries()) if (keep(r, i)) await writer.write(r);
    await writer.finish(sources);
    return file;
  };
  // Account facts stay in both scans: account-scope rules read them.
  const isFact = (r: Resource) => /^Parapet::|^parapet\./.test(r.type);
  const first = await variant('scan-1', (r, i) => isFact(r) || i % 7 !== 3);
  const second = await variant('scan-2', (r, i) => isFact(r) || i % 11 !== 5);
  const server = await testServer(dir, {
    dev: true,
    posture: { targets: { [ESTATE_TARGET]: { imports: [ESTATE], bundle } } },
  });
  // Published (not activated) so that the server knows the rules and frameworks of the scans.
  await server.context.registry.publish(readFileSync(bundle), 'fixture');
  const scans: ScanRecord[] = [];
  for (const inventory of [first, second]) {
    const { scan } = await runScan({ store: server.context.store, target: ESTATE_TARGET, inventory, bundle, nowNs: NOW_NS, threads: 1 });
    scans.push(scan);
  }
  return { server, bundle, resources, scans };
}
