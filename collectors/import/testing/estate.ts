/**
 * Deterministic native export files: the example estate under
 * examples/estate/ (a few accounts with a realistic share of
 * misconfigurations) and large generated estates for the import benchmark.
 * Same inputs, same bytes: no clock, no randomness beyond a seeded PRNG.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync, createGzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';

type Json = Record<string, unknown>;

const CAPTURE = '2026-11-02T08:00:00.000Z';

/** Mulberry32: small, fast, seeded. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hex(rand: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(rand() * 16).toString(16);
  return s;
}

/** One configuration item as a Config snapshot holds it (nested configuration, tags map). */
function ci(account: string, region: string, type: string, id: string, name: string | null, arn: string, configuration: Json, extra: { supplementary?: Json; tags?: Record<string, string>; relationships?: Json[]; az?: string } = {}): Json {
  return {
    relatedEvents: [],
    relationships: extra.relationships ?? [],
    configuration,
    supplementaryConfiguration: extra.supplementary ?? {},
    tags: extra.tags ?? {},
    configurationItemVersion: '1.3',
    configurationItemCaptureTime: CAPTURE,
    configurationStateId: 1730534400000,
    awsAccountId: account,
    configurationItemStatus: 'OK',
    resourceType: type,
    resourceId: id,
    resourceName: name,
    ARN: arn,
    awsRegion: region,
    availabilityZone: extra.az ?? (region === 'global' ? 'Not Applicable' : 'Multiple Availability Zones'),
    configurationStateMd5Hash: '',
    resourceCreationTime: '2025-03-14T09:26:53.000Z',
  };
}

const POLICY = (statement: Json[]) => ({ Version: '2012-10-17', Statement: statement });

function bucket(account: string, region: string, name: string, o: { pab: boolean; encrypted: boolean; versioning: boolean; tlsOnly: boolean; publicRead?: boolean; logging?: string; tags?: Record<string, string> }): Json {
  const statements: Json[] = [];
  if (o.tlsOnly) statements.push({ Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
  if (o.publicRead) statements.push({ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${name}/*` });
  const supplementary: Json = {
    AccessControlList: JSON.stringify(JSON.stringify({ grantSet: null, grantList: [{ grantee: { id: 'a1b2c3', displayName: null }, permission: 'FullControl' }], owner: { displayName: null, id: 'a1b2c3' }, isRequesterCharged: false })),
    BucketAccelerateConfiguration: { status: null },
    BucketLoggingConfiguration: { destinationBucketName: o.logging ?? null, logFilePrefix: o.logging ? `${name}/` : null },
    BucketPolicy: { policyText: statements.length ? JSON.stringify(POLICY(statements)) : null },
    BucketVersioningConfiguration: { status: o.versioning ? 'Enabled' : 'Off', isMfaDeleteEnabled: null },
    IsRequesterPaysEnabled: false,
  };
  if (o.pab) supplementary.PublicAccessBlockConfiguration = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };
  if (o.encrypted) supplementary.ServerSideEncryptionConfiguration = { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyID: `arn:aws:kms:${region}:${account}:alias/s3` }, bucketKeyEnabled: true }] };
  if (o.tags) supplementary.BucketTaggingConfiguration = { tagSets: [{ tags: o.tags }] };
  return ci(account, region, 'AWS::S3::Bucket', name, name, `arn:aws:s3:::${name}`, { name, owner: { displayName: null, id: 'a1b2c3' }, creationDate: '2025-03-14T09:26:53.000Z' }, { supplementary, tags: o.tags, az: 'Regional' });
}

function securityGroup(account: string, region: string, id: string, name: string, vpc: string, ingress: Array<{ proto: string; from: number; to: number; cidr?: string; cidr6?: string }>, egressOpen = true): Json {
  const perm = (p: { proto: string; from: number; to: number; cidr?: string; cidr6?: string }) => ({
    ipProtocol: p.proto, fromPort: p.proto === '-1' ? undefined : p.from, toPort: p.proto === '-1' ? undefined : p.to,
    userIdGroupPairs: [], ipv4Ranges: p.cidr ? [{ cidrIp: p.cidr }] : [], ipv6Ranges: p.cidr6 ? [{ cidrIpv6: p.cidr6 }] : [], prefixListIds: [],
    ipRanges: p.cidr ? [p.cidr] : [],
  });
  return ci(account, region, 'AWS::EC2::SecurityGroup', id, name, `arn:aws:ec2:${region}:${account}:security-group/${id}`, {
    description: name === 'default' ? 'default VPC security group' : `${name} security group`, groupName: name, ownerId: account, groupId: id, vpcId: vpc,
    ipPermissions: ingress.map(perm),
    ipPermissionsEgress: egressOpen ? [perm({ proto: '-1', from: 0, to: 0, cidr: '0.0.0.0/0' })] : [],
    tags: [],
  }, { relationships: [{ resourceId: vpc, resourceName: null, resourceType: 'AWS::EC2::VPC', name: 'Is contained in Vpc' }] });
}

function awsAccountItems(account: string, region: string, variant: 'prod' | 'dev'): Json[] {
  const prod = variant === 'prod';
  const vpc = prod ? 'vpc-0a1b2c3d4e5f60718' : 'vpc-0f9e8d7c6b5a49382';
  const items: Json[] = [];
  items.push(ci(account, region, 'AWS::EC2::VPC', vpc, null, `arn:aws:ec2:${region}:${account}:vpc/${vpc}`, { cidrBlock: '10.0.0.0/16', dhcpOptionsId: 'dopt-1', state: 'available', vpcId: vpc, ownerId: account, instanceTenancy: 'default', isDefault: !prod, tags: [{ key: 'Name', value: `${variant}-vpc` }] }, { tags: { Name: `${variant}-vpc` } }));
  if (prod) items.push(ci(account, region, 'AWS::EC2::FlowLog', 'fl-0123456789abcdef0', null, `arn:aws:ec2:${region}:${account}:vpc-flow-log/fl-0123456789abcdef0`, { flowLogId: 'fl-0123456789abcdef0', flowLogStatus: 'ACTIVE', resourceId: vpc, trafficType: 'ALL', logDestinationType: 'cloud-watch-logs', logGroupName: 'vpc-flow-logs', deliverLogsStatus: 'SUCCESS' }));
  items.push(securityGroup(account, region, prod ? 'sg-0default0000prod' : 'sg-0default00000dev', 'default', vpc, prod ? [] : [{ proto: '-1', from: 0, to: 0, cidr: '10.0.0.0/16' }], !prod ? true : false));
  items.push(securityGroup(account, region, prod ? 'sg-0web000000000prod' : 'sg-0web0000000000dev', 'web', vpc, [{ proto: 'tcp', from: 443, to: 443, cidr: '0.0.0.0/0' }]));
  items.push(securityGroup(account, region, prod ? 'sg-0bastion0000prod' : 'sg-0bastion00000dev', 'bastion', vpc, prod ? [{ proto: 'tcp', from: 22, to: 22, cidr: '203.0.113.0/24' }] : [{ proto: 'tcp', from: 22, to: 22, cidr: '0.0.0.0/0' }, { proto: 'tcp', from: 3389, to: 3389, cidr6: '::/0' }]));
  items.push(bucket(account, region, `${variant}-cloudtrail-logs-${account}`, { pab: true, encrypted: true, versioning: true, tlsOnly: true, logging: `${variant}-access-logs-${account}`, tags: { env: variant, 'data-class': 'audit' } }));
  items.push(bucket(account, region, `${variant}-access-logs-${account}`, { pab: true, encrypted: true, versioning: prod, tlsOnly: prod }));
  items.push(bucket(account, region, `${variant}-static-site-${account}`, { pab: false, encrypted: false, versioning: false, tlsOnly: false, publicRead: true, tags: { env: variant, app: 'marketing' } }));
  const volume = (id: string, encrypted: boolean) => ci(account, region, 'AWS::EC2::Volume', id, null, `arn:aws:ec2:${region}:${account}:volume/${id}`, { volumeId: id, size: 100, volumeType: 'gp3', encrypted, kmsKeyId: encrypted ? `arn:aws:kms:${region}:${account}:key/1111-2222` : null, state: 'in-use', availabilityZone: `${region}a`, attachments: [] }, { az: `${region}a` });
  items.push(volume(prod ? 'vol-0aaa1111bbbb2222c' : 'vol-0ddd3333eeee4444f', true));
  items.push(volume(prod ? 'vol-0ccc5555dddd6666e' : 'vol-0fff7777aaaa8888b', !prod ? false : true));
  items.push(ci(account, region, 'AWS::EC2::Instance', prod ? 'i-0123456789abcdef0' : 'i-0fedcba9876543210', null, `arn:aws:ec2:${region}:${account}:instance/${prod ? 'i-0123456789abcdef0' : 'i-0fedcba9876543210'}`, {
    instanceId: prod ? 'i-0123456789abcdef0' : 'i-0fedcba9876543210', instanceType: 't3.medium', imageId: 'ami-0abcdef1234567890', state: { code: 16, name: 'running' }, vpcId: vpc,
    metadataOptions: { state: 'applied', httpTokens: prod ? 'required' : 'optional', httpPutResponseHopLimit: 1, httpEndpoint: 'enabled' },
    iamInstanceProfile: prod ? { arn: `arn:aws:iam::${account}:instance-profile/app`, id: 'AIPA0000' } : null,
    securityGroups: [{ groupName: 'web', groupId: prod ? 'sg-0web000000000prod' : 'sg-0web0000000000dev' }], tags: [{ key: 'Name', value: `${variant}-app` }],
  }, { tags: { Name: `${variant}-app` }, az: `${region}a` }));
  const keyId = prod ? '1234abcd-12ab-34cd-56ef-1234567890ab' : '9876fedc-98fe-76dc-54ba-0987654321fe';
  items.push(ci(account, region, 'AWS::KMS::Key', keyId, null, `arn:aws:kms:${region}:${account}:key/${keyId}`, { keyId, arn: `arn:aws:kms:${region}:${account}:key/${keyId}`, enabled: true, keyUsage: 'ENCRYPT_DECRYPT', keyState: 'Enabled', origin: 'AWS_KMS', keyManager: 'CUSTOMER', customerMasterKeySpec: 'SYMMETRIC_DEFAULT', keySpec: 'SYMMETRIC_DEFAULT', description: `${variant} data key` }, { supplementary: { KeyRotationStatus: prod ? 'true' : 'false' } }));
  const db = `${variant}-orders`;
  items.push(ci(account, region, 'AWS::RDS::DBInstance', `db-${variant.toUpperCase()}ORDERS0001`, db, `arn:aws:rds:${region}:${account}:db:${db}`, { dBInstanceIdentifier: db, dBInstanceClass: 'db.t3.medium', engine: 'postgres', engineVersion: '15.4', storageEncrypted: prod, publiclyAccessible: !prod, autoMinorVersionUpgrade: prod, multiAZ: prod, backupRetentionPeriod: prod ? 14 : 1, endpoint: { address: `${db}.c0abc.${region}.rds.amazonaws.com`, port: 5432 } }));
  items.push(ci(account, region, 'AWS::CloudTrail::Trail', `${variant}-trail`, `${variant}-trail`, `arn:aws:cloudtrail:${region}:${account}:trail/${variant}-trail`, { name: `${variant}-trail`, s3BucketName: `${variant}-cloudtrail-logs-${account}`, includeGlobalServiceEvents: true, isMultiRegionTrail: prod, homeRegion: region, trailARN: `arn:aws:cloudtrail:${region}:${account}:trail/${variant}-trail`, logFileValidationEnabled: prod, kmsKeyId: prod ? `arn:aws:kms:${region}:${account}:key/${keyId}` : null, cloudWatchLogsLogGroupArn: prod ? `arn:aws:logs:${region}:${account}:log-group:cloudtrail:*` : null, isOrganizationTrail: false }));
  // IAM is global: Config records it once, with awsRegion "global".
  const g = 'global';
  items.push(ci(account, g, 'AWS::IAM::User', 'AIDA' + (prod ? 'PRODALICE0001' : 'DEVBOB000001'), prod ? 'alice' : 'bob', `arn:aws:iam::${account}:user/${prod ? 'alice' : 'bob'}`, { path: '/', userName: prod ? 'alice' : 'bob', userId: 'AIDA0001', arn: `arn:aws:iam::${account}:user/${prod ? 'alice' : 'bob'}`, createDate: '2024-01-10T10:00:00.000Z', userPolicyList: prod ? [] : [{ policyName: 'inline-s3', policyDocument: encodeURIComponent(JSON.stringify(POLICY([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]))) }], groupList: prod ? ['engineers'] : [], attachedManagedPolicies: prod ? [] : [{ policyName: 'AdministratorAccess', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }], tags: [] }));
  items.push(ci(account, g, 'AWS::IAM::Policy', 'ANPA' + variant.toUpperCase() + 'ADMIN', `${variant}-full-admin`, `arn:aws:iam::${account}:policy/${variant}-full-admin`, { policyName: `${variant}-full-admin`, policyId: 'ANPA0001', arn: `arn:aws:iam::${account}:policy/${variant}-full-admin`, path: '/', defaultVersionId: 'v1', attachmentCount: prod ? 0 : 1, isAttachable: true, policyVersionList: [{ document: encodeURIComponent(JSON.stringify(POLICY(prod ? [{ Effect: 'Allow', Action: ['ec2:Describe*'], Resource: '*' }] : [{ Effect: 'Allow', Action: '*', Resource: '*' }]))), versionId: 'v1', isDefaultVersion: true, createDate: '2024-01-10T10:00:00.000Z' }] }));
  items.push(ci(account, g, 'AWS::IAM::Role', 'AROA' + variant.toUpperCase() + 'SUPPORT', 'support', `arn:aws:iam::${account}:role/support`, { path: '/', roleName: 'support', roleId: 'AROA0001', arn: `arn:aws:iam::${account}:role/support`, assumeRolePolicyDocument: encodeURIComponent(JSON.stringify(POLICY([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole' }]))), attachedManagedPolicies: prod ? [{ policyArn: 'arn:aws:iam::aws:policy/AWSSupportAccess', policyName: 'AWSSupportAccess' }] : [], rolePolicyList: [], instanceProfileList: [], tags: [] }));
  return items;
}

function fact(account: string, region: string, type: string, config: Json, name?: string): Json {
  const suffix = type.replace(/^Parapet::/, '').split('::').join('-').toLowerCase();
  return { id: `arn:aws:parapet:${region}:${account}:${suffix}${name ? `/${name}` : ''}`, provider: 'aws', type, account, region, name: name ?? type.replace(/^Parapet::/, ''), tags: {}, config, observed_at: CAPTURE };
}

const REPORT_KEYS = ['user', 'arn', 'user_creation_time', 'password_enabled', 'password_last_used', 'password_last_changed', 'password_next_rotation', 'mfa_active', 'access_key_1_active', 'access_key_1_last_rotated', 'access_key_1_last_used_date', 'access_key_1_last_used_region', 'access_key_1_last_used_service', 'access_key_2_active', 'access_key_2_last_rotated', 'access_key_2_last_used_date', 'access_key_2_last_used_region', 'access_key_2_last_used_service', 'cert_1_active', 'cert_1_last_rotated', 'cert_2_active', 'cert_2_last_rotated'];
function reportRow(values: string[]): Record<string, string> {
  return Object.fromEntries(REPORT_KEYS.map((k, i) => [k, values[i] ?? 'N/A']));
}

function certificate(account: string, name: string, id: string, uploaded: string, expires: string): Json {
  return { Path: '/', ServerCertificateName: name, ServerCertificateId: id, Arn: `arn:aws:iam::${account}:server-certificate/${name}`, UploadDate: uploaded, Expiration: expires };
}

function awsFacts(account: string, region: string, variant: 'prod' | 'dev'): Json[] {
  const prod = variant === 'prod';
  const users = [
    reportRow(['<root_account>', `arn:aws:iam::${account}:root`, '2020-01-01T00:00:00+00:00', 'not_supported', prod ? '2025-01-05T10:00:00+00:00' : '2026-10-30T10:00:00+00:00', 'not_supported', 'not_supported', 'true', prod ? 'false' : 'true', prod ? 'N/A' : '2021-04-01T00:00:00+00:00', prod ? 'N/A' : '2026-10-01T00:00:00+00:00', prod ? 'N/A' : 'us-east-1', prod ? 'N/A' : 's3', 'false', 'N/A', 'N/A', 'N/A', 'N/A', 'false', 'N/A', 'false', 'N/A']),
    reportRow([prod ? 'alice' : 'bob', `arn:aws:iam::${account}:user/${prod ? 'alice' : 'bob'}`, '2024-01-10T10:00:00+00:00', 'true', '2026-10-31T09:00:00+00:00', '2026-08-01T09:00:00+00:00', 'N/A', prod ? 'true' : 'false', 'true', prod ? '2026-09-15T00:00:00+00:00' : '2024-01-10T10:00:00+00:00', '2026-11-01T00:00:00+00:00', region, 'ec2', 'false', 'N/A', 'N/A', 'N/A', 'N/A', 'false', 'N/A', 'false', 'N/A']),
  ];
  const filters = prod ? [
    { filterName: 'unauthorized-api-calls', logGroupName: 'cloudtrail', filterPattern: '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }', metricTransformations: [{ metricName: 'UnauthorizedAPICalls', metricNamespace: 'CISBenchmark', metricValue: '1' }], creationTime: 1730534400000 },
    { filterName: 'root-usage', logGroupName: 'cloudtrail', filterPattern: '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }', metricTransformations: [{ metricName: 'RootUsage', metricNamespace: 'CISBenchmark', metricValue: '1' }], creationTime: 1730534400000 },
  ] : [];
  const topic = `arn:aws:sns:${region}:${account}:security-alarms`;
  const alarms = filters.map((f) => ({ AlarmName: f.filterName, AlarmArn: `arn:aws:cloudwatch:${region}:${account}:alarm:${f.filterName}`, MetricName: f.metricTransformations[0].metricName, Namespace: 'CISBenchmark', Statistic: 'Sum', Period: 300, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', ActionsEnabled: true, AlarmActions: [topic], OKActions: [], InsufficientDataActions: [], StateValue: 'OK' }));
  return [
    fact(account, 'global', 'Parapet::IAM::CredentialReport', { Users: users, GeneratedTime: CAPTURE }),
    fact(account, 'global', 'Parapet::IAM::PasswordPolicy', prod ? { MinimumPasswordLength: 14, RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true, AllowUsersToChangePassword: true, ExpirePasswords: false, PasswordReusePrevention: 24, HardExpiry: false } : {}),
    fact(account, 'global', 'Parapet::IAM::AccountSummary', { Users: 1, Roles: 1, Policies: 1, MFADevices: 1, MFADevicesInUse: 1, AccountMFAEnabled: 1, AccountAccessKeysPresent: prod ? 0 : 1, AccountSigningCertificatesPresent: 0, VirtualMFADevices: prod ? [] : [{ SerialNumber: `arn:aws:iam::${account}:mfa/root-account-mfa-device`, User: { Arn: `arn:aws:iam::${account}:root`, UserId: account }, EnableDate: '2021-04-01T00:00:00.000Z' }] }),
    fact(account, 'global', 'Parapet::IAM::PolicyEntities', { PolicyArn: 'arn:aws:iam::aws:policy/AWSSupportAccess', PolicyGroups: [], PolicyUsers: [], PolicyRoles: prod ? [{ RoleName: 'support', RoleId: 'AROA0001' }] : [] }, 'AWSSupportAccess'),
    fact(account, 'global', 'Parapet::S3::AccountPublicAccessBlock', prod ? { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } : {}),
    fact(account, region, 'Parapet::EC2::EbsEncryptionByDefault', { EbsEncryptionByDefault: prod }),
    fact(account, region, 'Parapet::AccessAnalyzer::Analyzers', { Analyzers: prod ? [{ arn: `arn:aws:access-analyzer:${region}:${account}:analyzer/account`, name: 'account', type: 'ACCOUNT', status: 'ACTIVE', createdAt: '2024-02-01T00:00:00.000Z' }] : [] }),
    fact(account, region, 'Parapet::SecurityHub::Hub', prod ? { HubArn: `arn:aws:securityhub:${region}:${account}:hub/default`, SubscribedAt: '2024-02-01T00:00:00.000Z', AutoEnableControls: true, ControlFindingGenerator: 'SECURITY_CONTROL' } : {}),
    fact(account, region, 'Parapet::Config::Recorders', { ConfigurationRecorders: [{ name: 'default', roleARN: `arn:aws:iam::${account}:role/config`, recordingGroup: { allSupported: true, includeGlobalResourceTypes: true, resourceTypes: [] } }], ConfigurationRecordersStatus: [{ name: 'default', recording: true, lastStatus: 'SUCCESS', lastStartTime: '2024-02-01T00:00:00.000Z' }] }),
    fact(account, region, 'Parapet::CloudTrail::TrailStatus', {
      Trail: { Name: `${variant}-trail`, S3BucketName: `${variant}-cloudtrail-logs-${account}`, IncludeGlobalServiceEvents: true, IsMultiRegionTrail: prod, HomeRegion: region, TrailARN: `arn:aws:cloudtrail:${region}:${account}:trail/${variant}-trail`, LogFileValidationEnabled: prod, HasCustomEventSelectors: prod, IsOrganizationTrail: false, ...(prod ? { KmsKeyId: `arn:aws:kms:${region}:${account}:key/1234abcd-12ab-34cd-56ef-1234567890ab`, CloudWatchLogsLogGroupArn: `arn:aws:logs:${region}:${account}:log-group:cloudtrail:*` } : {}) },
      Status: { IsLogging: true, LatestDeliveryTime: '2026-11-02T07:55:00.000Z', StartLoggingTime: '2024-02-01T00:00:00.000Z' },
      EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: prod ? [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] : [], ExcludeManagementEventSources: [] }],
      AdvancedEventSelectors: [],
    }, `${variant}-trail`),
    fact(account, region, 'Parapet::CloudWatch::MetricFilterAlarms', { MetricFilters: filters, MetricAlarms: alarms, Subscriptions: prod ? { [topic]: [{ SubscriptionArn: `${topic}:5f1c`, Owner: account, Protocol: 'email', Endpoint: 'secops@example.com', TopicArn: topic }] } : {} }),
    // The dev account still holds last year's certificate (expired) next to its replacement.
    fact(account, 'global', 'Parapet::IAM::ServerCertificates', { ServerCertificateMetadataList: [
      certificate(account, prod ? 'www-acme-example' : 'dev-internal-2026', 'ASCAY2VYDGLMAWNHDGUX', '2026-06-01T12:00:00.000Z', '2029-06-30T23:59:59.000Z'),
      ...(prod ? [] : [certificate(account, 'dev-internal-2025', 'ASCAZGV2LTIWMJUTBGVN', '2024-03-01T09:30:00.000Z', '2025-03-01T09:30:00.000Z')]),
    ] }),
    fact(account, 'global', 'Parapet::Account::ContactInformation', { FullName: prod ? 'Acme Cloud Platform Team' : 'Acme Dev Sandbox', CompanyName: 'Acme Corp', AddressLine1: '100 Harbor Way', City: 'Seattle', StateOrRegion: 'WA', PostalCode: '98101', CountryCode: 'US', PhoneNumber: '+12065550100', WebsiteUrl: 'https://acme.example' }),
    // The dev account registered only a billing contact: security notices reach the root mailbox alone.
    fact(account, 'global', 'Parapet::Account::AlternateContacts', { AlternateContacts: [
      { AlternateContactType: 'BILLING', Name: 'Acme Accounts Payable', Title: 'Finance', EmailAddress: 'aws-billing@acme.example', PhoneNumber: '+12065550101' },
      ...(prod ? [
        { AlternateContactType: 'OPERATIONS', Name: 'Acme Platform On-call', Title: 'SRE', EmailAddress: 'aws-ops@acme.example', PhoneNumber: '+12065550102' },
        { AlternateContactType: 'SECURITY', Name: 'Acme Security Operations', Title: 'SOC', EmailAddress: 'aws-security@acme.example', PhoneNumber: '+12065550103' },
      ] : []),
    ] }),
    fact(account, region, 'Parapet::Macie::Session', prod ? { CreatedAt: '2024-02-01T00:00:00.000Z', FindingPublishingFrequency: 'FIFTEEN_MINUTES', ServiceRole: `arn:aws:iam::${account}:role/aws-service-role/macie.amazonaws.com/AWSServiceRoleForAmazonMacie`, Status: 'ENABLED', UpdatedAt: '2024-02-01T00:00:00.000Z' } : {}),
  ];
}

function snapshot(account: string, items: Json[]): Json {
  return { fileVersion: '1.0', configSnapshotId: `${account}-snapshot-0001`, configurationItems: items };
}

function gcpAssets(): Json[] {
  const project = 'acme-analytics-prod';
  const number = '412345678901';
  const ancestors = [`projects/${number}`, 'folders/1098765', 'organizations/555000111'];
  const asset = (name: string, type: string, data: Json, location: string, extra: Json = {}) => ({
    name, asset_type: type,
    resource: { version: 'v1', discovery_document_uri: `https://www.googleapis.com/discovery/v1/apis/${type.split('.')[0]}/v1/rest`, discovery_name: type.split('/')[1], parent: `//cloudresourcemanager.googleapis.com/projects/${number}`, data, location },
    ancestors, update_time: CAPTURE, ...extra,
  });
  return [
    { name: `//cloudresourcemanager.googleapis.com/projects/${number}`, asset_type: 'cloudresourcemanager.googleapis.com/Project', resource: { version: 'v1', discovery_name: 'Project', parent: '//cloudresourcemanager.googleapis.com/folders/1098765', data: { projectNumber: number, projectId: project, lifecycleState: 'ACTIVE', name: project, labels: { env: 'prod' }, createTime: '2023-05-01T00:00:00Z' }, location: 'global' }, ancestors, update_time: CAPTURE },
    // The project's IAM policy arrives on a line of its own, as an IAM_POLICY export writes it.
    { name: `//cloudresourcemanager.googleapis.com/projects/${number}`, asset_type: 'cloudresourcemanager.googleapis.com/Project', iam_policy: { version: 1, bindings: [{ role: 'roles/owner', members: ['user:founder@gmail.com', 'group:platform@acme.example'] }, { role: 'roles/iam.serviceAccountUser', members: ['user:dev@acme.example'] }], audit_configs: [{ service: 'allServices', audit_log_configs: [{ log_type: 'ADMIN_READ' }, { log_type: 'DATA_WRITE' }, { log_type: 'DATA_READ' }] }], etag: 'BwXhqDf1MkQ=' }, ancestors, update_time: CAPTURE },
    asset(`//storage.googleapis.com/${project}-raw`, 'storage.googleapis.com/Bucket', { name: `${project}-raw`, id: `${project}-raw`, projectNumber: number, location: 'US', storageClass: 'STANDARD', iamConfiguration: { uniformBucketLevelAccess: { enabled: true }, publicAccessPrevention: 'enforced' }, versioning: { enabled: true }, retentionPolicy: { retentionPeriod: '2592000' }, labels: { team: 'data' } }, 'us', { iam_policy: { bindings: [{ role: 'roles/storage.objectViewer', members: ['serviceAccount:etl@acme-analytics-prod.iam.gserviceaccount.com'] }], etag: 'CAE=' } }),
    asset(`//storage.googleapis.com/${project}-public-reports`, 'storage.googleapis.com/Bucket', { name: `${project}-public-reports`, id: `${project}-public-reports`, projectNumber: number, location: 'EU', storageClass: 'STANDARD', iamConfiguration: { uniformBucketLevelAccess: { enabled: false }, publicAccessPrevention: 'inherited' }, labels: {} }, 'eu', { iam_policy: { bindings: [{ role: 'roles/storage.objectViewer', members: ['allUsers'] }], etag: 'CAE=' } }),
    asset(`//compute.googleapis.com/projects/${project}/global/firewalls/allow-ssh-anywhere`, 'compute.googleapis.com/Firewall', { name: 'allow-ssh-anywhere', id: '7000000000000000001', network: `https://www.googleapis.com/compute/v1/projects/${project}/global/networks/default`, direction: 'INGRESS', priority: 1000, sourceRanges: ['0.0.0.0/0'], allowed: [{ IPProtocol: 'tcp', ports: ['22'] }], disabled: false, logConfig: { enable: false } }, 'global'),
    asset(`//compute.googleapis.com/projects/${project}/global/firewalls/allow-internal`, 'compute.googleapis.com/Firewall', { name: 'allow-internal', id: '7000000000000000002', network: `https://www.googleapis.com/compute/v1/projects/${project}/global/networks/prod`, direction: 'INGRESS', priority: 1000, sourceRanges: ['10.128.0.0/9'], allowed: [{ IPProtocol: 'all' }], disabled: false, logConfig: { enable: true } }, 'global'),
    asset(`//compute.googleapis.com/projects/${project}/global/networks/default`, 'compute.googleapis.com/Network', { name: 'default', id: '6000000000000000001', autoCreateSubnetworks: true, routingConfig: { routingMode: 'REGIONAL' } }, 'global'),
    asset(`//compute.googleapis.com/projects/${project}/zones/us-central1-a/instances/etl-worker-1`, 'compute.googleapis.com/Instance', { name: 'etl-worker-1', id: '5000000000000000001', zone: 'us-central1-a', machineType: 'e2-standard-4', status: 'RUNNING', canIpForward: false, shieldedInstanceConfig: { enableSecureBoot: false, enableVtpm: true, enableIntegrityMonitoring: true }, metadata: { items: [{ key: 'serial-port-enable', value: 'true' }, { key: 'block-project-ssh-keys', value: 'false' }] }, serviceAccounts: [{ email: `${number}-compute@developer.gserviceaccount.com`, scopes: ['https://www.googleapis.com/auth/cloud-platform'] }], networkInterfaces: [{ network: 'default', accessConfigs: [{ type: 'ONE_TO_ONE_NAT', natIP: '198.51.100.7' }] }], labels: { role: 'etl' } }, 'us-central1-a'),
    asset(`//sqladmin.googleapis.com/projects/${project}/instances/orders-pg`, 'sqladmin.googleapis.com/Instance', { name: 'orders-pg', project, databaseVersion: 'POSTGRES_15', region: 'us-central1', settings: { tier: 'db-custom-2-7680', ipConfiguration: { ipv4Enabled: true, requireSsl: false, sslMode: 'ALLOW_UNENCRYPTED_AND_ENCRYPTED', authorizedNetworks: [{ value: '0.0.0.0/0', name: 'anywhere' }] }, backupConfiguration: { enabled: true, pointInTimeRecoveryEnabled: true }, databaseFlags: [{ name: 'log_connections', value: 'on' }] } }, 'us-central1'),
    asset(`//cloudkms.googleapis.com/projects/${project}/locations/us/keyRings/data/cryptoKeys/warehouse`, 'cloudkms.googleapis.com/CryptoKey', { name: `projects/${project}/locations/us/keyRings/data/cryptoKeys/warehouse`, purpose: 'ENCRYPT_DECRYPT', rotationPeriod: '7776000s', nextRotationTime: '2027-01-01T00:00:00Z', primary: { state: 'ENABLED' } }, 'us'),
    asset(`//cloudkms.googleapis.com/projects/${project}/locations/us/keyRings/data/cryptoKeys/legacy`, 'cloudkms.googleapis.com/CryptoKey', { name: `projects/${project}/locations/us/keyRings/data/cryptoKeys/legacy`, purpose: 'ENCRYPT_DECRYPT', primary: { state: 'ENABLED' } }, 'us'),
    asset(`//iam.googleapis.com/projects/${project}/serviceAccounts/etl@${project}.iam.gserviceaccount.com`, 'iam.googleapis.com/ServiceAccount', { name: `projects/${project}/serviceAccounts/etl@${project}.iam.gserviceaccount.com`, email: `etl@${project}.iam.gserviceaccount.com`, uniqueId: '100000000000000000001', disabled: false }, 'global'),
    { name: `//cloudresourcemanager.googleapis.com/projects/${number}`, asset_type: 'cloudresourcemanager.googleapis.com/Project', org_policy: [{ constraint: 'constraints/iam.disableServiceAccountKeyCreation', boolean_policy: { enforced: true }, update_time: CAPTURE, etag: 'BwXh' }], ancestors, update_time: CAPTURE },
  ];
}

function azureRows(): { rows: Json[] } {
  const sub = '0b1f6471-1bf0-4dda-aec3-111122223333';
  const tenant = '72f988bf-86f1-41af-91ab-2d7cd011db47';
  const rg = (name: string) => `/subscriptions/${sub}/resourceGroups/${name}`;
  const row = (id: string, type: string, location: string, properties: Json, extra: Json = {}) => ({ id, name: id.split('/').pop(), type, tenantId: tenant, kind: '', location, resourceGroup: id.split('/')[4] ?? '', subscriptionId: sub, managedBy: '', sku: null, plan: null, properties, tags: {}, identity: null, zones: null, extendedLocation: null, ...extra });
  return {
    rows: [
      row(`/subscriptions/${sub}`, 'microsoft.resources/subscriptions', '', { subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: 'EnterpriseAgreement_2014-09-01', spendingLimit: 'Off' }, state: 'Enabled' }, { name: 'acme-production', resourceGroup: '' }),
      row(`${rg('rg-data')}/providers/Microsoft.Storage/storageAccounts/acmedatalake`, 'microsoft.storage/storageaccounts', 'westeurope', { supportsHttpsTrafficOnly: true, minimumTlsVersion: 'TLS1_2', allowBlobPublicAccess: false, publicNetworkAccess: 'Disabled', encryption: { keySource: 'Microsoft.Keyvault', requireInfrastructureEncryption: true, services: { blob: { enabled: true }, file: { enabled: true } } }, networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices', ipRules: [], virtualNetworkRules: [] }, allowSharedKeyAccess: false }, { kind: 'StorageV2', sku: { name: 'Standard_GRS', tier: 'Standard' }, tags: { env: 'prod' } }),
      row(`${rg('rg-web')}/providers/Microsoft.Storage/storageAccounts/acmewebassets`, 'microsoft.storage/storageaccounts', 'westeurope', { supportsHttpsTrafficOnly: false, minimumTlsVersion: 'TLS1_0', allowBlobPublicAccess: true, publicNetworkAccess: 'Enabled', encryption: { keySource: 'Microsoft.Storage', services: { blob: { enabled: true } } }, networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices', ipRules: [], virtualNetworkRules: [] } }, { kind: 'StorageV2', sku: { name: 'Standard_LRS', tier: 'Standard' } }),
      row(`${rg('rg-web')}/providers/Microsoft.Network/networkSecurityGroups/nsg-web`, 'microsoft.network/networksecuritygroups', 'westeurope', { securityRules: [
        { name: 'allow-https', properties: { protocol: 'Tcp', sourcePortRange: '*', destinationPortRange: '443', sourceAddressPrefix: '*', destinationAddressPrefix: '*', access: 'Allow', priority: 100, direction: 'Inbound' } },
        { name: 'allow-rdp', properties: { protocol: 'Tcp', sourcePortRange: '*', destinationPortRange: '3389', sourceAddressPrefix: 'Internet', destinationAddressPrefix: '*', access: 'Allow', priority: 110, direction: 'Inbound' } },
      ] }),
      row(`${rg('rg-data')}/providers/Microsoft.Network/networkSecurityGroups/nsg-data`, 'microsoft.network/networksecuritygroups', 'westeurope', { securityRules: [
        { name: 'allow-ssh-bastion', properties: { protocol: 'Tcp', sourcePortRange: '*', destinationPortRange: '22', sourceAddressPrefix: '10.0.250.0/24', destinationAddressPrefix: '*', access: 'Allow', priority: 100, direction: 'Inbound' } },
      ] }),
      row(`${rg('rg-data')}/providers/Microsoft.KeyVault/vaults/kv-acme-prod`, 'microsoft.keyvault/vaults', 'westeurope', { tenantId: tenant, sku: { family: 'A', name: 'premium' }, enableSoftDelete: true, softDeleteRetentionInDays: 90, enablePurgeProtection: true, enableRbacAuthorization: true, publicNetworkAccess: 'Disabled' }),
      row(`${rg('rg-web')}/providers/Microsoft.KeyVault/vaults/kv-acme-web`, 'microsoft.keyvault/vaults', 'westeurope', { tenantId: tenant, sku: { family: 'A', name: 'standard' }, enableSoftDelete: true, softDeleteRetentionInDays: 7, enableRbacAuthorization: false, publicNetworkAccess: 'Enabled' }),
      row(`${rg('rg-data')}/providers/Microsoft.Sql/servers/sql-acme-orders`, 'microsoft.sql/servers', 'westeurope', { administratorLogin: 'sqladmin', version: '12.0', minimalTlsVersion: '1.2', publicNetworkAccess: 'Enabled', state: 'Ready' }),
      row(`${rg('rg-web')}/providers/Microsoft.Compute/virtualMachines/vm-web-01`, 'microsoft.compute/virtualmachines', 'westeurope', { hardwareProfile: { vmSize: 'Standard_D2s_v5' }, storageProfile: { osDisk: { osType: 'Linux', managedDisk: { storageAccountType: 'Premium_LRS' } } }, osProfile: { computerName: 'vm-web-01', linuxConfiguration: { disablePasswordAuthentication: false } }, securityProfile: { securityType: 'TrustedLaunch', uefiSettings: { secureBootEnabled: true, vTpmEnabled: true } }, provisioningState: 'Succeeded' }, { tags: { app: 'web' } }),
      row(`${rg('rg-web')}/providers/Microsoft.Compute/disks/vm-web-01_OsDisk_1`, 'microsoft.compute/disks', 'westeurope', { diskSizeGB: 64, encryption: { type: 'EncryptionAtRestWithPlatformKey' }, diskState: 'Attached', networkAccessPolicy: 'AllowAll', publicNetworkAccess: 'Enabled' }),
    ],
  };
}

/** The example estate: what a user would export from two AWS accounts, one GCP project and one Azure subscription. */
export async function writeExampleEstate(dir: string): Promise<string[]> {
  await mkdir(join(dir, 'aws'), { recursive: true });
  await mkdir(join(dir, 'gcp'), { recursive: true });
  await mkdir(join(dir, 'azure'), { recursive: true });
  const written: string[] = [];
  const put = async (rel: string, data: string | Buffer) => {
    await writeFile(join(dir, rel), data);
    written.push(rel);
  };
  const accounts: Array<[string, string, 'prod' | 'dev']> = [['111122223333', 'us-east-1', 'prod'], ['444455556666', 'eu-west-1', 'dev']];
  for (const [account, region, variant] of accounts) {
    const json = JSON.stringify(snapshot(account, awsAccountItems(account, region, variant)));
    // gzip output depends only on the input bytes and level: stable across runs.
    // Config's own file name for a snapshot it delivers to S3.
    await put(`aws/${account}_Config_${region}_ConfigSnapshot_20261102T080000Z_0001.json.gz`, gzipSync(json, { level: 9 }));
  }
  const facts = accounts.flatMap(([account, region, variant]) => awsFacts(account, region, variant));
  const header = { version: 'parapet.inventory/v1', generated_at: CAPTURE, sources: accounts.map(([account]) => ({ provider: 'aws', scope: `aws:${account}/facts`, collector: 'aws-account-facts', started_at: CAPTURE, finished_at: CAPTURE, complete: true, resource_count: facts.filter((f) => f.account === account).length })) };
  await put('aws/account-facts.ndjson', [header, ...facts].map((l) => JSON.stringify(l)).join('\n') + '\n');
  await put('gcp/cloud-asset-export-acme-analytics-prod.ndjson', gcpAssets().map((a) => JSON.stringify(a)).join('\n') + '\n');
  const rows = azureRows().rows;
  await put('azure/resource-graph-acme-production.json', JSON.stringify({ totalRecords: rows.length, count: rows.length, resultTruncated: 'false', facets: [], data: rows }, null, 2) + '\n');
  return written;
}

/**
 * A large estate for the import benchmark: `n` resources spread over AWS
 * Config snapshots (half), a Cloud Asset export (a quarter) and a Resource
 * Graph result (a quarter), each item a realistic size (~1.5 KB).
 */
export async function writeLargeEstate(dir: string, n: number, seed = 42): Promise<{ files: string[]; bytes: number }> {
  await mkdir(dir, { recursive: true });
  const rand = prng(seed);
  const files: string[] = [];
  let bytes = 0;
  const stream = async (name: string, gzip: boolean, head: string, items: (i: number) => string, count: number, sep: string, tail: string) => {
    const path = join(dir, name);
    const out = createWriteStream(path);
    async function* chunks() {
      yield head;
      let batch: string[] = [];
      for (let i = 0; i < count; i++) {
        const text = items(i);
        bytes += text.length;
        batch.push(text);
        if (batch.length === 500) { yield batch.join(sep) + (i + 1 < count ? sep : ''); batch = []; }
      }
      if (batch.length) yield batch.join(sep);
      yield tail;
    }
    if (gzip) await pipeline(Readable.from(chunks()), createGzip({ level: 1 }), out);
    else await pipeline(Readable.from(chunks()), out);
    files.push(path);
  };
  const awsCount = Math.floor(n / 2);
  const gcpCount = Math.floor(n / 4);
  const azureCount = n - awsCount - gcpCount;
  const account = '210987654321';
  const region = 'us-west-2';
  await stream('config-snapshot.json.gz', true, '{"fileVersion":"1.0","configSnapshotId":"bench","configurationItems":[', (i) => {
    const kind = i % 3;
    if (kind === 0) return JSON.stringify(bucket(account, region, `bench-bucket-${i}-${hex(rand, 6)}`, { pab: rand() < 0.7, encrypted: rand() < 0.8, versioning: rand() < 0.5, tlsOnly: rand() < 0.4, publicRead: rand() < 0.05, tags: { env: rand() < 0.5 ? 'prod' : 'dev' } }));
    if (kind === 1) return JSON.stringify(securityGroup(account, region, `sg-${hex(rand, 17)}`, `sg-${i}`, 'vpc-0bench', [{ proto: 'tcp', from: 443, to: 443, cidr: '0.0.0.0/0' }, { proto: 'tcp', from: 22, to: 22, cidr: rand() < 0.1 ? '0.0.0.0/0' : '10.0.0.0/8' }]));
    const vol = `vol-${hex(rand, 17)}`;
    return JSON.stringify(ci(account, region, 'AWS::EC2::Volume', vol, null, `arn:aws:ec2:${region}:${account}:volume/${vol}`, { volumeId: vol, size: 8 + Math.floor(rand() * 500), volumeType: 'gp3', encrypted: rand() < 0.85, state: 'in-use', availabilityZone: `${region}a`, attachments: [{ instanceId: `i-${hex(rand, 17)}`, device: '/dev/xvda', state: 'attached' }] }, { az: `${region}a`, tags: { Name: `data-${i}` } }));
  }, awsCount, ',', ']}');
  const ancestors = ['projects/700000000001', 'organizations/555000111'];
  await stream('cloud-asset-export.ndjson', false, '', (i) => JSON.stringify({
    name: `//storage.googleapis.com/bench-${i}-${hex(rand, 8)}`, asset_type: 'storage.googleapis.com/Bucket',
    resource: { version: 'v1', discovery_name: 'Bucket', parent: '//cloudresourcemanager.googleapis.com/projects/700000000001', location: 'us', data: { name: `bench-${i}`, projectNumber: '700000000001', location: 'US', storageClass: 'STANDARD', iamConfiguration: { uniformBucketLevelAccess: { enabled: rand() < 0.8 }, publicAccessPrevention: rand() < 0.7 ? 'enforced' : 'inherited' }, versioning: { enabled: rand() < 0.5 }, labels: { team: `t${i % 20}` }, lifecycle: { rule: [{ action: { type: 'Delete' }, condition: { age: 365 } }] } } },
    iam_policy: { bindings: [{ role: 'roles/storage.objectViewer', members: [rand() < 0.03 ? 'allUsers' : `serviceAccount:sa-${i % 50}@bench.iam.gserviceaccount.com`] }], etag: 'CAE=' },
    ancestors, update_time: CAPTURE,
  }), gcpCount, '\n', '\n');
  const sub = '9c2b1d3e-0000-4000-8000-00000000bench'.replace('bench', '0042');
  await stream('resource-graph.json', false, `{"totalRecords":${azureCount},"count":${azureCount},"resultTruncated":"false","facets":[],"data":[`, (i) => JSON.stringify({
    id: `/subscriptions/${sub}/resourceGroups/rg-${i % 40}/providers/Microsoft.Storage/storageAccounts/bench${i}${hex(rand, 4)}`,
    name: `bench${i}`, type: 'microsoft.storage/storageaccounts', tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47', kind: 'StorageV2', location: 'westeurope', resourceGroup: `rg-${i % 40}`, subscriptionId: sub,
    sku: { name: 'Standard_LRS', tier: 'Standard' }, tags: { env: i % 2 ? 'prod' : 'dev' },
    properties: { supportsHttpsTrafficOnly: rand() < 0.9, minimumTlsVersion: rand() < 0.8 ? 'TLS1_2' : 'TLS1_0', allowBlobPublicAccess: rand() < 0.1, publicNetworkAccess: 'Enabled', encryption: { keySource: 'Microsoft.Storage', services: { blob: { enabled: true }, file: { enabled: true } } }, networkAcls: { defaultAction: rand() < 0.5 ? 'Deny' : 'Allow', bypass: 'AzureServices', ipRules: [], virtualNetworkRules: [] }, provisioningState: 'Succeeded', creationTime: '2025-01-01T00:00:00Z' },
  }), azureCount, ',', ']}');
  return { files, bytes };
}

