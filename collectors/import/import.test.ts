import t from 'tap';
import { mkdtemp, writeFile, readFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { importFiles } from './import.js';
import { readJsonValues } from './json-stream.js';
import { writeExampleEstate } from './testing/estate.js';
import { validators, describeErrors } from '../schema/validate.js';
import { isParapetError } from '../../common/errors.js';
import { fromRoot } from '../../common/paths.js';
import type { Resource } from '../schema/inventory.js';

const dir = await mkdtemp(join(tmpdir(), 'parapet-import-'));

async function run(paths: string[]) {
  const resources: Resource[] = [];
  const result = await importFiles(paths, { emit: async (r) => { resources.push(r); }, cwd: dir });
  return { ...result, resources };
}

/** The resources that fail the schema, each with why. */
function invalid(resources: Resource[]): string[] {
  const v = validators();
  return resources.filter((r) => !v.resource(r as unknown)).map((r) => `${r.type} ${r.id}: ${describeErrors(v.resource.errors).join('; ')}`);
}

t.test('AWS Config snapshot (.json.gz): nested configuration, supplementary merged and decoded, tags, relationships, deletions skipped', async (t) => {
  const snapshot = {
    fileVersion: '1.0', configSnapshotId: 'abc',
    configurationItems: [
      {
        relatedEvents: [], relationships: [{ resourceId: 'vpc-1', resourceName: null, resourceType: 'AWS::EC2::VPC', name: 'Is contained in Vpc' }],
        configuration: { groupId: 'sg-1', groupName: 'web', ipPermissions: [] }, supplementaryConfiguration: {}, tags: { team: 'a' },
        configurationItemVersion: '1.3', configurationItemCaptureTime: '2026-11-01T00:00:00.000Z', configurationStateId: 1, awsAccountId: '111122223333',
        configurationItemStatus: 'OK', resourceType: 'AWS::EC2::SecurityGroup', resourceId: 'sg-1', resourceName: 'web', ARN: 'arn:aws:ec2:us-east-1:111122223333:security-group/sg-1', awsRegion: 'us-east-1',
      },
      {
        configuration: { name: 'b' }, tags: {},
        supplementaryConfiguration: { AccessControlList: JSON.stringify(JSON.stringify({ grantList: [] })), PublicAccessBlockConfiguration: { blockPublicAcls: true }, IsRequesterPaysEnabled: 'false' },
        configurationItemCaptureTime: '2026-11-01T00:00:00.000Z', awsAccountId: '111122223333', configurationItemStatus: 'ResourceDiscovered',
        resourceType: 'AWS::S3::Bucket', resourceId: 'b', resourceName: 'b', ARN: 'arn:aws:s3:::b', awsRegion: 'us-east-1', relationships: [],
      },
      { configuration: null, awsAccountId: '111122223333', configurationItemStatus: 'ResourceDeleted', resourceType: 'AWS::S3::Bucket', resourceId: 'gone', ARN: 'arn:aws:s3:::gone', awsRegion: 'us-east-1' },
    ],
  };
  const file = join(dir, 'snap.json.gz');
  await writeFile(file, gzipSync(JSON.stringify(snapshot)));
  const { resources, sources } = await run([file]);
  t.equal(resources.length, 2);
  const [sg, bucket] = resources;
  t.match(sg, { id: 'arn:aws:ec2:us-east-1:111122223333:security-group/sg-1', provider: 'aws', type: 'AWS::EC2::SecurityGroup', account: '111122223333', region: 'us-east-1', name: 'web', tags: { team: 'a' }, config: { groupId: 'sg-1' } });
  t.same(sg.relationships, [{ type: 'Is contained in Vpc', resource_id: 'vpc-1', resource_type: 'AWS::EC2::VPC' }]);
  t.same(bucket.config.AccessControlList, { grantList: [] }, 'a doubly encoded supplementary value is decoded');
  t.same(bucket.config.PublicAccessBlockConfiguration, { blockPublicAcls: true });
  t.equal(bucket.config.IsRequesterPaysEnabled, false);
  t.match(sources, [{ provider: 'aws', scope: 'file:snap.json.gz', collector: 'import:aws-config-snapshot', complete: true, resource_count: 2 }]);
  t.same(invalid(resources), [], 'every resource validates against the schema');
});

t.test('BatchGetResourceConfig and aggregate responses: configuration as JSON strings', async (t) => {
  const item = (type: string, id: string, cfg: object, sup: Record<string, string> = {}) => ({
    version: '1.3', accountId: '444455556666', configurationItemCaptureTime: 1730534400, configurationItemStatus: 'OK', configurationStateId: '1',
    arn: `arn:aws:x:eu-west-1:444455556666:${id}`, resourceType: type, resourceId: id, resourceName: id, awsRegion: 'eu-west-1',
    configuration: JSON.stringify(cfg), supplementaryConfiguration: sup,
  });
  const batch = { baseConfigurationItems: [item('AWS::EC2::Volume', 'vol-1', { volumeId: 'vol-1', encrypted: false, tags: [{ key: 'Name', value: 'data' }] })], unprocessedResourceKeys: [] };
  const aggregate = { BaseConfigurationItems: [item('AWS::KMS::Key', 'key-1', { keyId: 'key-1', keyManager: 'CUSTOMER' }, { KeyRotationStatus: 'true' })], UnprocessedResourceIdentifiers: [] };
  await writeFile(join(dir, 'batch.json'), JSON.stringify(batch, null, 2));
  await writeFile(join(dir, 'aggregate.json'), JSON.stringify(aggregate));
  const { resources, sources } = await run([join(dir, 'batch.json'), join(dir, 'aggregate.json')]);
  t.match(resources[0], { type: 'AWS::EC2::Volume', account: '444455556666', region: 'eu-west-1', tags: { Name: 'data' }, config: { encrypted: false } });
  t.equal(resources[0].observed_at, '2024-11-02T08:00:00.000Z', 'epoch-second capture times become ISO-8601');
  t.match(resources[1], { type: 'AWS::KMS::Key', config: { keyId: 'key-1', KeyRotationStatus: true } });
  t.same(sources.map((s) => s.collector), ['import:aws-config-batch', 'import:aws-config-batch']);
  t.same(invalid(resources), [], 'every resource validates against the schema');
});

t.test('Cloud Asset: snake_case export with policy-only lines merged by name; camelCase listAssets JSON', async (t) => {
  const ancestors = ['projects/42', 'organizations/9'];
  const lines = [
    { name: '//storage.googleapis.com/b1', asset_type: 'storage.googleapis.com/Bucket', resource: { version: 'v1', data: { name: 'b1', iamConfiguration: { uniformBucketLevelAccess: { enabled: true } }, labels: { team: 'x' } }, location: 'us', parent: '//cloudresourcemanager.googleapis.com/projects/42' }, ancestors },
    { name: '//storage.googleapis.com/b1', asset_type: 'storage.googleapis.com/Bucket', iam_policy: { bindings: [{ role: 'roles/storage.objectViewer', members: ['allUsers'] }], audit_configs: [] }, ancestors },
    { name: '//cloudresourcemanager.googleapis.com/projects/42', asset_type: 'cloudresourcemanager.googleapis.com/Project', resource: { data: { projectNumber: '42', projectId: 'my-proj' }, location: 'global' }, ancestors },
    { name: '//cloudresourcemanager.googleapis.com/projects/42', asset_type: 'cloudresourcemanager.googleapis.com/Project', org_policy: [{ constraint: 'constraints/compute.skipDefaultNetworkCreation', boolean_policy: { enforced: true } }], ancestors },
    { name: '//iam.googleapis.com/projects/my-proj/serviceAccounts/x', asset_type: 'iam.googleapis.com/ServiceAccount', iam_policy: { bindings: [{ role: 'roles/iam.serviceAccountTokenCreator', members: ['user:a@b.c'] }] }, ancestors },
  ];
  await writeFile(join(dir, 'export.ndjson'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  await writeFile(join(dir, 'list.json'), JSON.stringify({ assets: [{ name: '//compute.googleapis.com/projects/my-proj/global/firewalls/fw', assetType: 'compute.googleapis.com/Firewall', resource: { data: { sourceRanges: ['0.0.0.0/0'] }, location: 'global' }, ancestors }], nextPageToken: '' }));
  const { resources, sources } = await run([join(dir, 'export.ndjson'), join(dir, 'list.json')]);
  const byId = Object.fromEntries(resources.map((r) => [r.id, r]));
  t.equal(resources.length, 4, 'bucket, project, firewall, and the policy-only service account');
  t.match(byId['//storage.googleapis.com/b1'], { provider: 'gcp', type: 'storage.googleapis.com/Bucket', account: 'my-proj', region: 'us', tags: { team: 'x' }, iam_policy: { bindings: [{ members: ['allUsers'] }], auditConfigs: [] } });
  t.same(byId['//cloudresourcemanager.googleapis.com/projects/42'].config.orgPolicy, [{ constraint: 'constraints/compute.skipDefaultNetworkCreation', booleanPolicy: { enforced: true } }]);
  t.match(byId['//compute.googleapis.com/projects/my-proj/global/firewalls/fw'], { account: 'my-proj', config: { sourceRanges: ['0.0.0.0/0'] } });
  t.ok(byId['//iam.googleapis.com/projects/my-proj/serviceAccounts/x'].iam_policy);
  t.same(sources.map((s) => s.collector), ['import:gcp-asset-export', 'import:gcp-asset-list']);
  t.same(invalid(resources), [], 'every resource validates against the schema');
});

t.test('Resource Graph: REST objectArray, REST table (columns/rows) and az graph query output', async (t) => {
  const sub = '00000000-1111-2222-3333-444444444444';
  const row = { id: `/subscriptions/${sub}/resourceGroups/RG/providers/Microsoft.Storage/storageAccounts/SA1`, name: 'SA1', type: 'Microsoft.Storage/storageAccounts', location: 'westeurope', subscriptionId: sub, tags: { env: 'prod' }, properties: { supportsHttpsTrafficOnly: false } };
  await writeFile(join(dir, 'rest.json'), JSON.stringify({ totalRecords: 1, count: 1, resultTruncated: 'false', data: [row], $skipToken: undefined }));
  const columns = ['id', 'name', 'type', 'location', 'subscriptionId', 'properties'].map((name) => ({ name, type: 'string' }));
  const vault = [`/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv`, 'kv', 'microsoft.keyvault/vaults', 'westeurope', sub, { enablePurgeProtection: false }];
  await writeFile(join(dir, 'table.json'), JSON.stringify({ totalRecords: 1, count: 1, data: { columns, rows: [vault] } }));
  await writeFile(join(dir, 'az.json'), JSON.stringify({ count: 1, data: [{ ...row, id: row.id.replace('SA1', 'SA2'), name: 'SA2' }], skip_token: null, total_records: 1 }, null, 2));
  const { resources, sources } = await run([join(dir, 'rest.json'), join(dir, 'table.json'), join(dir, 'az.json')]);
  t.equal(resources.length, 3);
  t.match(resources[0], { id: `/subscriptions/${sub}/resourcegroups/rg/providers/microsoft.storage/storageaccounts/sa1`, provider: 'azure', type: 'microsoft.storage/storageaccounts', account: sub, region: 'westeurope', tags: { env: 'prod' }, config: { properties: { supportsHttpsTrafficOnly: false } } });
  t.match(resources[1], { type: 'microsoft.keyvault/vaults', config: { properties: { enablePurgeProtection: false } } });
  t.same(sources.map((s) => s.collector), ['import:azure-resource-graph', 'import:azure-resource-graph', 'import:azure-resource-graph']);
  t.same(invalid(resources), [], 'every resource validates against the schema');
});

t.test('large documents stream: an array past the whole-parse limit is read item by item', async (t) => {
  const items = Array.from({ length: 300 }, (_, i) => ({ id: i, pad: 'x'.repeat(100) + '"\\\\' + '}]' }));
  const text = JSON.stringify({ fileVersion: '1.0', configurationItems: items, trailer: { ok: true } });
  const chunks = async function* () { for (let i = 0; i < text.length; i += 777) yield text.slice(i, i + 777); };
  const events = [];
  for await (const ev of readJsonValues(chunks(), { arrays: new Set(['configurationItems']), wholeLimit: 1000 })) events.push(ev);
  t.equal(events[0].kind, 'start');
  t.same(events[1], { kind: 'field', path: 'fileVersion', value: '1.0' });
  const got = events.filter((e) => e.kind === 'item').map((e) => (e as { value: unknown }).value);
  t.same(got, items, 'every element, escapes and brackets inside strings intact');
  t.same(events.at(-2), { kind: 'field', path: 'trailer', value: { ok: true } });
});

t.test('bad input: clear errors, and a file broken midway is kept in part with complete:false', async (t) => {
  await writeFile(join(dir, 'other.json'), JSON.stringify({ hello: 'world' }));
  await t.rejects(run([join(dir, 'other.json')]), { code: 'import_unrecognized_format' });
  await t.rejects(run([join(dir, 'missing.json')]), { code: 'import_not_found' });
  const empty = join(dir, 'empty-dir');
  await mkdir(empty, { recursive: true });
  await writeFile(join(empty, 'README.md'), '# not an export');
  await t.rejects(run([empty]), { code: 'import_no_files' });
  const good = JSON.stringify({ name: '//storage.googleapis.com/ok', asset_type: 'storage.googleapis.com/Bucket', resource: { data: {} }, ancestors: ['projects/my-p'] });
  await writeFile(join(dir, 'broken.ndjson'), `${good}\n{"name": "//storage.googleapis.com/half", "asset_ty\n`);
  const { resources, sources } = await run([join(dir, 'broken.ndjson')]);
  t.equal(resources.length, 1);
  t.match(sources[0], { complete: false, resource_count: 1, errors: [{ code: 'import_invalid_json' }] });
  await writeFile(join(dir, 'garbage.json'), 'not json at all');
  const err = await run([join(dir, 'garbage.json')]).catch((e) => e);
  t.ok(isParapetError(err, 'import_invalid_json'), `garbage is import_invalid_json (${err.code})`);
});

t.test('the example estate: every format at once, every resource valid, regenerated byte for byte', async (t) => {
  const { resources, sources, files } = await run([fromRoot('examples', 'estate')]);
  t.equal(files, 5);
  const providers = new Set(resources.map((r) => r.provider));
  t.same([...providers].sort(), ['aws', 'azure', 'gcp']);
  const types = new Set(resources.map((r) => r.type));
  for (const type of ['AWS::S3::Bucket', 'AWS::EC2::SecurityGroup', 'AWS::IAM::User', 'AWS::KMS::Key', 'AWS::RDS::DBInstance', 'AWS::EC2::Volume', 'AWS::CloudTrail::Trail', 'Parapet::IAM::CredentialReport', 'Parapet::CloudTrail::TrailStatus', 'Parapet::IAM::ServerCertificates', 'Parapet::Account::ContactInformation', 'Parapet::Account::AlternateContacts', 'Parapet::Macie::Session', 'storage.googleapis.com/Bucket', 'microsoft.storage/storageaccounts']) t.ok(types.has(type), type);
  t.ok(sources.every((s) => s.complete));
  t.same(invalid(resources), [], 'every resource validates against the schema');
  const again = await mkdtemp(join(tmpdir(), 'parapet-estate-'));
  for (const rel of await writeExampleEstate(again)) {
    t.ok((await readFile(join(again, rel))).equals(await readFile(fromRoot('examples', 'estate', rel))), `${rel} is what the generator writes`);
  }
});
