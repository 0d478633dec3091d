/**
 * A scan that never finishes, for the killed-scan test: it starts a scan,
 * keeps writing outcomes in batches, and says RUNNING <id> after the first
 * batch. The test SIGKILLs it mid-write. Usage: node store-scan-child.js <db> <target>
 */
import { openStore } from '../store/index.js';
import { outcome, resource } from './store-harness.js';

const [location, target] = process.argv.slice(2) as [string, string];
const store = await openStore({ location });
const scan = await store.scans.start({ target, trigger: 'test' });
const buckets = Array.from({ length: 200 }, (_, i) => resource(`arn:aws:s3:::bucket-${i}`));
await store.scans.addResources(scan.id, buckets);
for (let round = 0; ; round++) {
  // Every bucket passes: were this scan applied, every finding would resolve.
  await store.scans.addOutcomes(scan.id, buckets.map((b) => outcome(`aws.s3.rule_${round}`, b, 'PASS')));
  await store.scans.addOutcomes(scan.id, buckets.map((b) => outcome('aws.s3.bucket_versioning', b, 'PASS')));
  if (round === 0) process.stdout.write(`RUNNING ${scan.id}\n`);
}
