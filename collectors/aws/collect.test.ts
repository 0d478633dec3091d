/**
 * The AWS collector through the real SDK against moto's server mode (one
 * server for the file), with a fault-injecting proxy in front (throttling,
 * 5xx, a region that always fails) that also answers the APIs moto lacks
 * (Access Analyzer ListAnalyzers, Account GetContactInformation). Our retry
 * waits milliseconds here; the CLI runs meet only faults it does not retry.
 */
import t from 'tap';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OrganizationsClient, CreateOrganizationCommand, CreateAccountCommand } from '@aws-sdk/client-organizations';
import { Command } from 'commander';
import { collectAws, type AwsCollectOptions } from './collect.js';
import { register as registerCollect } from '../../cli/collect.js';
import { startMoto, TEST_CREDENTIALS, MOTO_ACCOUNT } from './testing/moto.js';
import { startFaultProxy, throttlingJson, throttlingQuery } from './testing/fault-proxy.js';
import { seedAccount, SEEDED } from './testing/seed.js';
import { createProgress } from '../common/progress.js';
import { validators, describeErrors } from '../schema/validate.js';
import { distModule } from '../../common/paths.js';
import type { Resource } from '../schema/inventory.js';

// The SDK's default provider chain reads these, as it would on a developer's machine.
process.env.AWS_ACCESS_KEY_ID = TEST_CREDENTIALS.accessKeyId;
process.env.AWS_SECRET_ACCESS_KEY = TEST_CREDENTIALS.secretAccessKey;
process.env.AWS_REGION = 'us-east-1';
process.env.AWS_EC2_METADATA_DISABLED = 'true';

const moto = await startMoto();
const proxy = await startFaultProxy(moto.endpoint);
t.teardown(async () => { await proxy.close(); await moto.stop(); });
const { topicArn } = await seedAccount(moto.endpoint);
proxy.analyzers.push({ arn: `arn:aws:access-analyzer:us-east-1:${MOTO_ACCOUNT}:analyzer/account`, name: 'account', type: 'ACCOUNT', status: 'ACTIVE', createdAt: '2024-02-01T00:00:00Z' });
const CONTACT = { FullName: 'Example Corp Cloud Team', CompanyName: 'Example Corp', AddressLine1: '1 Main St', City: 'Seattle', StateOrRegion: 'WA', PostalCode: '98101', CountryCode: 'US', PhoneNumber: '+12065550100' };
proxy.contactInformation = CONTACT;

const FAST_RETRY = { attempts: 3, baseMs: 1, maxDelayMs: 5 };

/** An AccessDeniedException as the REST-JSON services (Macie2, Account) send it. */
const accessDenied = (message: string) => ({ status: 403, contentType: 'application/json', body: JSON.stringify({ __type: 'AccessDeniedException', message }) });

async function collect(options: Partial<AwsCollectOptions>) {
  const resources: Resource[] = [];
  const progress = createProgress();
  const sources = await collectAws({ emit: async (r) => { resources.push(r); }, endpoint: proxy.endpoint, retry: FAST_RETRY, progress, ...options });
  return { resources, sources, progress };
}

function invalid(resources: Resource[]): string[] {
  const v = validators();
  return resources.filter((r) => !v.resource(r as unknown)).map((r) => `${r.type} ${r.id}: ${describeErrors(v.resource.errors).join('; ')}`);
}

const one = (resources: Resource[], type: string, region: string) => {
  const found = resources.filter((r) => r.type === type && r.region === region);
  if (found.length !== 1) throw new Error(`expected one ${type} in ${region}, found ${found.length}`);
  return found[0].config as Record<string, any>;
};

t.test('Config resources and account facts over two regions, through throttling and 5xx', async (t) => {
  proxy.rules.push(
    { service: 'config', region: 'us-east-1', operation: 'ListDiscoveredResources', times: 2, ...throttlingJson() },
    { service: 'config', region: 'us-east-1', operation: 'BatchGetResourceConfig', times: 1, status: 503 },
    { service: 'iam', operation: 'GetAccountSummary', times: 1, ...throttlingQuery() },
    { service: 'logs', region: 'us-east-1', operation: 'DescribeMetricFilters', times: 1, status: 500 },
  );
  const injectedBefore = proxy.injected;
  const { resources, sources, progress } = await collect({ regions: ['us-east-1', 'eu-west-1'] });
  t.equal(proxy.injected - injectedBefore, 5, 'every fault was injected');
  t.ok(progress.counts.retries >= 5, `retries counted (${progress.counts.retries})`);
  t.ok(progress.counts.pages > 20, 'pages counted');
  t.equal(progress.counts.resources, resources.length);
  t.same(sources.map((s) => [s.scope, s.collector, s.complete, s.errors]), [
    [`aws:${MOTO_ACCOUNT}/global`, 'aws-account-facts', true, undefined],
    [`aws:${MOTO_ACCOUNT}/us-east-1`, 'aws-config', true, undefined],
    [`aws:${MOTO_ACCOUNT}/eu-west-1`, 'aws-config', true, undefined],
  ]);
  t.same(invalid(resources), [], 'every resource validates against the schema');

  const buckets = resources.filter((r) => r.type === 'AWS::S3::Bucket');
  t.same(buckets.map((b) => b.id).sort(), SEEDED.buckets.map((b) => `arn:aws:s3:::${b}`));
  const logs = buckets.find((b) => b.name === 'parapet-logs')!;
  t.same(logs.tags, { env: 'prod', team: 'security' });
  t.same(logs.config.PublicAccessBlockConfiguration, { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true }, 'supplementary configuration decoded and merged');
  t.match(buckets.find((b) => b.name === 'parapet-public-site')!.config, { BucketPolicy: { policyText: /"Principal":"\*"/ } });
  t.match(resources.find((r) => r.type === 'AWS::IAM::Role'), { id: `arn:aws:iam::${MOTO_ACCOUNT}:role/${SEEDED.roleName}`, tags: { purpose: 'support' }, config: { attachedManagedPolicies: [{ policyName: 'AWSSupportAccess' }] } });
  t.ok(resources.some((r) => r.type === 'AWS::IAM::Policy' && r.name === SEEDED.policyName));
  t.ok(resources.some((r) => r.type === 'AWS::SNS::Topic' && r.id === topicArn));
  t.notOk(resources.some((r) => r.type.startsWith('AWS::') && r.region === 'eu-west-1'), 'no recorder in eu-west-1, so no Config resources there');

  const report = one(resources, 'Parapet::IAM::CredentialReport', 'global');
  t.match(report.Users.find((u: any) => u.user === 'alice'), { arn: `arn:aws:iam::${MOTO_ACCOUNT}:user/alice`, access_key_1_active: 'true', mfa_active: 'false' });
  t.ok(report.Users.some((u: any) => u.user === 'bob'));
  t.match(one(resources, 'Parapet::IAM::PasswordPolicy', 'global'), { MinimumPasswordLength: 14, RequireSymbols: true, PasswordReusePrevention: 24 });
  const summary = one(resources, 'Parapet::IAM::AccountSummary', 'global');
  t.equal(summary.Users, 2);
  t.same(summary.VirtualMFADevices.map((d: any) => Object.keys(d).filter((k) => k !== 'EnableDate' && k !== 'User').sort()), [['SerialNumber']], 'virtual MFA devices without their secret seed');
  t.match(one(resources, 'Parapet::IAM::PolicyEntities', 'global'), { PolicyArn: 'arn:aws:iam::aws:policy/AWSSupportAccess', PolicyRoles: [{ RoleName: SEEDED.roleName }], PolicyUsers: [], PolicyGroups: [] });
  t.same(one(resources, 'Parapet::S3::AccountPublicAccessBlock', 'global'), { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: false });
  t.same(one(resources, 'Parapet::EC2::EbsEncryptionByDefault', 'us-east-1'), { EbsEncryptionByDefault: true });
  t.same(one(resources, 'Parapet::EC2::EbsEncryptionByDefault', 'eu-west-1'), { EbsEncryptionByDefault: false });
  t.match(one(resources, 'Parapet::AccessAnalyzer::Analyzers', 'us-east-1'), { Analyzers: [{ name: 'account', status: 'ACTIVE' }] });
  t.same(one(resources, 'Parapet::AccessAnalyzer::Analyzers', 'eu-west-1'), { Analyzers: [] });
  t.match(one(resources, 'Parapet::SecurityHub::Hub', 'us-east-1'), { HubArn: `arn:aws:securityhub:us-east-1:${MOTO_ACCOUNT}:hub/default` });
  t.same(one(resources, 'Parapet::SecurityHub::Hub', 'eu-west-1'), {}, 'not enabled there');
  t.match(one(resources, 'Parapet::Config::Recorders', 'us-east-1'), { ConfigurationRecorders: [{ name: 'default', recordingGroup: { allSupported: false } }], ConfigurationRecordersStatus: [{ recording: true }] });
  t.same(one(resources, 'Parapet::Config::Recorders', 'eu-west-1'), { ConfigurationRecorders: [], ConfigurationRecordersStatus: [] });
  const trail = resources.find((r) => r.type === 'Parapet::CloudTrail::TrailStatus')!;
  t.match(trail, { id: `arn:aws:parapet:us-east-1:${MOTO_ACCOUNT}:cloudtrail-trailstatus/${SEEDED.trail}`, region: 'us-east-1', config: { Trail: { Name: SEEDED.trail, IsMultiRegionTrail: true, LogFileValidationEnabled: true }, Status: { IsLogging: true }, EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }] } });
  t.equal(resources.filter((r) => r.type === 'Parapet::CloudTrail::TrailStatus').length, 1, 'a multi-region trail once, in its home region');
  const alarms = one(resources, 'Parapet::CloudWatch::MetricFilterAlarms', 'us-east-1');
  t.match(alarms.MetricFilters, [{ filterName: 'unauthorized-api-calls', logGroupName: 'cloudtrail', metricTransformations: [{ metricName: 'UnauthorizedAPICalls' }] }]);
  t.match(alarms.MetricAlarms, [{ AlarmName: 'unauthorized-api-calls', MetricName: 'UnauthorizedAPICalls', AlarmActions: [topicArn] }]);
  t.match(alarms.Subscriptions[topicArn], [{ Protocol: 'email', Endpoint: 'secops@example.com' }]);

  const certificates = one(resources, 'Parapet::IAM::ServerCertificates', 'global');
  t.match(certificates.ServerCertificateMetadataList, [{ ServerCertificateName: SEEDED.serverCertificate, Arn: `arn:aws:iam::${MOTO_ACCOUNT}:server-certificate/${SEEDED.serverCertificate}`, Expiration: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/ }], 'with its expiry as an ISO-8601 string');
  t.equal(certificates.ServerCertificateMetadataList.length, 1);
  t.same(one(resources, 'Parapet::Account::ContactInformation', 'global'), CONTACT);
  const contacts = one(resources, 'Parapet::Account::AlternateContacts', 'global');
  t.same(contacts, { AlternateContacts: [SEEDED.billingContact, SEEDED.securityContact] }, 'the types that are set (BILLING, SECURITY); OPERATIONS is not');
  t.match(resources.find((r) => r.type === 'Parapet::Account::AlternateContacts'), { id: `arn:aws:parapet:global:${MOTO_ACCOUNT}:account-alternatecontacts`, region: 'global' });
  const macie = one(resources, 'Parapet::Macie::Session', 'us-east-1');
  t.match(macie, { Status: 'ENABLED', FindingPublishingFrequency: 'SIX_HOURS', ServiceRole: /AWSServiceRoleForAmazonMacie$/, CreatedAt: /^\d{4}-.*Z$/ });
  t.notOk('status' in macie, 'upper-case initials, as the contract names them');
  t.same(one(resources, 'Parapet::Macie::Session', 'eu-west-1'), {}, 'Macie disabled there (ResourceNotFoundException)');
});

t.test('a region that keeps failing is recorded as incomplete; the rest is kept', async (t) => {
  proxy.rules.length = 0;
  proxy.rules.push({ service: 'config', region: 'eu-west-1', status: 500, body: 'internal error' });
  const { resources, sources } = await collect({ regions: ['us-east-1', 'eu-west-1'], maxAttempts: 1 });
  proxy.rules.length = 0;
  const eu = sources.find((s) => s.scope.endsWith('/eu-west-1'))!;
  const us = sources.find((s) => s.scope.endsWith('/us-east-1'))!;
  t.equal(us.complete, true);
  t.equal(eu.complete, false);
  t.match(eu.errors, [{ scope: `${MOTO_ACCOUNT}/eu-west-1/DescribeConfigurationRecorders`, code: /HTTP 500/ }, { scope: `${MOTO_ACCOUNT}/eu-west-1/Parapet::Config::Recorders` }]);
  t.ok(resources.some((r) => r.region === 'eu-west-1' && r.type === 'Parapet::EC2::EbsEncryptionByDefault'), 'the other facts of the failing region are kept');
  t.ok(resources.some((r) => r.type === 'AWS::S3::Bucket'), 'the healthy region is kept');
});

t.test('"not enabled" and "none on record" answers become the empty shapes; a denied call stays an error', async (t) => {
  proxy.rules.length = 0;
  proxy.contactInformation = undefined;
  proxy.rules.push(
    // What Macie answers in a region where it was never enabled.
    { service: 'macie2', region: 'us-east-1', operation: 'GET /macie', ...accessDenied('Macie is not enabled.') },
    // A role without macie2:GetMacieSession: not evidence that Macie is off.
    { service: 'macie2', region: 'eu-west-1', operation: 'GET /macie', ...accessDenied('User: arn:aws:sts::123456789012:assumed-role/audit/parapet is not authorized to perform: macie2:GetMacieSession') },
    { service: 'account', operation: 'POST /getAlternateContact', ...accessDenied('User: arn:aws:sts::123456789012:assumed-role/audit/parapet is not authorized to perform: account:GetAlternateContact') },
  );
  try {
    const { resources, sources } = await collect({ regions: ['us-east-1', 'eu-west-1'], resourceTypes: [] });
    t.same(one(resources, 'Parapet::Macie::Session', 'us-east-1'), {});
    t.notOk(resources.some((r) => r.type === 'Parapet::Macie::Session' && r.region === 'eu-west-1'), 'no fact where the answer was a missing permission');
    t.match(sources.find((s) => s.scope.endsWith('/eu-west-1')), { complete: false, errors: [{ scope: `${MOTO_ACCOUNT}/eu-west-1/Parapet::Macie::Session`, code: 'AccessDeniedException (HTTP 403)', message: /not authorized/ }] });
    t.same(one(resources, 'Parapet::Account::ContactInformation', 'global'), {}, 'ResourceNotFoundException: no contact information on record');
    t.notOk(resources.some((r) => r.type === 'Parapet::Account::AlternateContacts'), 'no alternate contacts fact from a denied call');
    t.match(sources.find((s) => s.scope.endsWith('/global')), { complete: false, errors: [{ scope: `${MOTO_ACCOUNT}/global/Parapet::Account::AlternateContacts`, code: 'AccessDeniedException (HTTP 403)' }] });
    t.equal(sources.find((s) => s.scope.endsWith('/global'))!.errors!.length, 1, 'the other account-wide facts were read');
    t.same(invalid(resources), []);
  } finally {
    proxy.rules.length = 0;
    proxy.contactInformation = CONTACT;
  }
});

t.test('an aggregator, and many accounts through assumed roles and an Organization', async (t) => {
  // Each account moto meets loads its own copy of the AWS managed policies (seconds):
  // the assumed role and the Organization share the one new account.
  const org = new OrganizationsClient({ region: 'us-east-1', endpoint: moto.endpoint, credentials: TEST_CREDENTIALS });
  const created = org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' })).then(() => org.send(new CreateAccountCommand({ AccountName: 'dev', Email: 'dev@example.com' })));

  const agg = await collect({ aggregator: SEEDED.aggregator, aggregatorRegion: 'us-east-1', resourceTypes: ['AWS::S3::Bucket'], regions: ['us-east-1'], facts: false });
  t.match(agg.sources[0], { scope: `aws:aggregator/${SEEDED.aggregator}`, collector: 'aws-config-aggregator', complete: true, resource_count: 2 });
  t.same(agg.resources.filter((r) => r.type === 'AWS::S3::Bucket').map((r) => r.name).sort(), SEEDED.buckets);

  const devAccount = (await created).CreateAccountStatus!.AccountId!;
  org.destroy();
  const roles = await collect({ roleArns: [`arn:aws:iam::${devAccount}:role/audit`], regions: ['us-east-1'], resourceTypes: [], facts: false });
  t.same(roles.sources.map((s) => [s.scope, s.complete]), [[`aws:${devAccount}/us-east-1`, true]], 'the assumed role names its own account');

  const all = await collect({ organizationRole: 'OrganizationAccountAccessRole', regions: ['us-east-1'], resourceTypes: [], facts: false });
  t.same(all.sources.map((s) => [s.scope, s.complete]).sort(), [[`aws:${MOTO_ACCOUNT}/us-east-1`, true], [`aws:${devAccount}/us-east-1`, true]].sort(), 'every account of the organization');
});

function runCli(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    // A clean environment (not the test runner's loaders): credentials come from the default chain's env provider.
    const env = { PATH: process.env.PATH, HOME: tmpdir(), AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey, AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true' };
    const child = spawn(process.execPath, [distModule('cli', 'main.js'), ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? 1, stderr }));
  });
}

/** The command in this process, for what needs no exit code: --allow-partial, option checks. */
async function inProcess(...args: string[]): Promise<void> {
  const program = new Command('parapet').exitOverride();
  registerCollect(program);
  await program.parseAsync(['collect', 'aws', ...args], { from: 'user' });
}

t.test('parapet collect aws: writes the inventory, exits non-zero on a partial collection unless --allow-partial', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'parapet-collect-aws-'));
  // A region the role may not read (an SCP, say): refused at once, not retried.
  proxy.rules.push({ service: 'config', region: 'eu-west-1', status: 400, contentType: 'application/x-amz-json-1.1', body: JSON.stringify({ __type: 'AccessDeniedException', message: 'explicit deny in a service control policy' }) });
  try {
    const out = join(dir, 'inventory.ndjson');
    const partial = await runCli(['collect', 'aws', '--endpoint-url', proxy.endpoint, '--region', 'us-east-1,eu-west-1', '--max-attempts', '1', '--out', out]);
    t.equal(partial.code, 2);
    t.match(partial.stderr, /collect_partial/);
    t.match(partial.stderr, /eu-west-1\/DescribeConfigurationRecorders: .*explicit deny/);
    const lines = (await readFile(out, 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    t.ok(validators().header(lines[0]), 'header line first');
    t.same(lines[0].sources.map((s: any) => [s.scope, s.complete]), [[`aws:${MOTO_ACCOUNT}/global`, true], [`aws:${MOTO_ACCOUNT}/us-east-1`, true], [`aws:${MOTO_ACCOUNT}/eu-west-1`, false]], 'the inventory is written, with the failing scope marked');
    t.same(invalid(lines.slice(1)), []);
    t.ok(lines.slice(1).some((r) => r.type === 'AWS::S3::Bucket') && lines.slice(1).some((r) => r.type === 'Parapet::IAM::CredentialReport'));

    const jsonOut = join(dir, 'partial.json');
    await t.rejects(inProcess('--endpoint-url', proxy.endpoint, '--region', 'us-east-1,eu-west-1', '--no-facts', '--out', jsonOut), { code: 'collect_partial' });
    await inProcess('--endpoint-url', proxy.endpoint, '--region', 'us-east-1,eu-west-1', '--no-facts', '--allow-partial', '--out', jsonOut);
    const doc = JSON.parse(await readFile(jsonOut, 'utf8'));
    t.ok(validators().document(doc), 'a JSON document for a .json name');
    t.ok(doc.resources.length > 0 && doc.resources.every((r: Resource) => r.type.startsWith('AWS::')), '--no-facts: Config resources only');
    t.match(doc.sources, [{ scope: `aws:${MOTO_ACCOUNT}/us-east-1`, complete: true }, { scope: `aws:${MOTO_ACCOUNT}/eu-west-1`, complete: false }], '--allow-partial accepts it');
  } finally {
    proxy.rules.length = 0;
  }

  const never = join(dir, 'never.ndjson');
  await t.rejects(inProcess('--endpoint-url', 'ftp://x', '--out', never), { code: 'bad_option', message: /--endpoint-url must be an http\(s\) URL/ });
  await t.rejects(inProcess('--max-attempts', '0', '--out', never), { code: 'bad_option', message: /--max-attempts must be an integer from 1 to 20/ });
  await t.rejects(inProcess('--concurrency', 'many', '--out', never), { code: 'bad_option', message: /--concurrency/ });
});
