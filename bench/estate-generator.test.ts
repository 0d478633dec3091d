import t from 'tap';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validators } from '../collectors/schema/validate.js';
import { generateEstate, type Template } from './estate-generator.js';

const resource = (provider: 'aws' | 'gcp' | 'azure', type: string, id: string, account: string, config: Record<string, unknown>) => ({
  id, provider, type, account, region: 'global', name: id.split(/[/:]/).pop()!, tags: {}, config,
});

// Small hand-made templates: the sampler and the rewriting are under test, not the harvest.
const templates: Template[] = [
  [resource('aws', 'AWS::S3::Bucket', 'arn:aws:s3:::logs-111122223333', '111122223333', { name: 'logs-111122223333' }), false],
  [resource('aws', 'AWS::S3::Bucket', 'arn:aws:s3:::public-111122223333', '111122223333', { name: 'public-111122223333', public: true }), true],
  [resource('aws', 'Parapet::IAM::PasswordPolicy', 'arn:aws:parapet:global:111122223333:password-policy', '111122223333', {}), false],
  [resource('gcp', 'storage.googleapis.com/Bucket', '//storage.googleapis.com/b1', 'proj-a', { name: 'b1' }), false],
  [resource('azure', 'microsoft.storage/storageaccounts', '/subscriptions/0000aaaa-0000-4000-8000-000000000001/resourcegroups/rg/providers/microsoft.storage/storageaccounts/s1', '0000aaaa-0000-4000-8000-000000000001', { properties: {} }), true],
].map(([r, misconfigured]) => {
  const res = r as ReturnType<typeof resource>;
  return { type: res.type, provider: res.provider, text: JSON.stringify(res), id: res.id, account: res.account, misconfigured: misconfigured as boolean };
});

t.test('the same size and seed give the same bytes; every resource is valid and unique', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-estate-gen-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const a = await generateEstate(2500, join(dir, 'a.ndjson'), { templates });
  await generateEstate(2500, join(dir, 'b.ndjson'), { templates });
  await generateEstate(2500, join(dir, 'c.ndjson'), { templates, seed: 7 });
  const text = readFileSync(join(dir, 'a.ndjson'), 'utf8');
  t.equal(text, readFileSync(join(dir, 'b.ndjson'), 'utf8'), 'deterministic');
  t.not(text, readFileSync(join(dir, 'c.ndjson'), 'utf8'), 'the seed matters');

  const [header, ...lines] = text.trim().split('\n');
  t.ok(validators().header(JSON.parse(header!)), 'the header is valid');
  t.equal(lines.length, 2500);
  t.equal(a.resources, 2500);
  t.same(a.byProvider, { aws: 1250, gcp: 625, azure: 625 });
  const ids = new Set<string>();
  const accounts = new Set<string>();
  let publicBuckets = 0;
  const invalid: string[] = [];
  const stale: string[] = [];
  for (const line of lines) {
    const r = JSON.parse(line);
    if (!validators().resource(r)) invalid.push(r.id);
    if (line.includes('111122223333') || line.includes('0000aaaa-0000-4000-8000-000000000001')) stale.push(r.id);
    ids.add(r.id);
    accounts.add(`${r.provider}/${r.account}`);
    if (r.config.public) publicBuckets++;
  }
  t.same(invalid, [], 'every resource is valid against the schema');
  t.same(stale, [], 'the template account is rewritten everywhere');
  t.equal(ids.size, 2500, 'ids are unique');
  t.equal(accounts.size, 4, 'accounts of ~1,000 resources: 2 AWS, 1 GCP, 1 Azure');
  // 20 % of buckets from the misconfigured template: a loose band around it.
  const buckets = lines.filter((l) => l.includes('"AWS::S3::Bucket"')).length;
  t.ok(publicBuckets > buckets * 0.12 && publicBuckets < buckets * 0.28, `misconfigured share ${publicBuckets}/${buckets}`);
});
