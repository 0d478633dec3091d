/**
 * Seeds moto through the services' own APIs with the real SDK: what a small
 * account looks like to AWS Config and to the account-fact APIs. Independent
 * services are seeded at the same time (moto answers each request in a thread).
 */
import { S3Client, CreateBucketCommand, PutBucketTaggingCommand, PutPublicAccessBlockCommand, PutBucketVersioningCommand, PutBucketPolicyCommand } from '@aws-sdk/client-s3';
import { IAMClient, CreateUserCommand, CreateAccessKeyCommand, CreateRoleCommand, CreatePolicyCommand, UpdateAccountPasswordPolicyCommand, CreateVirtualMFADeviceCommand, AttachRolePolicyCommand, UploadServerCertificateCommand } from '@aws-sdk/client-iam';
import { AccountClient, PutAlternateContactCommand } from '@aws-sdk/client-account';
import { Macie2Client, EnableMacieCommand, DisableMacieCommand } from '@aws-sdk/client-macie2';
import { EC2Client, CreateSecurityGroupCommand, AuthorizeSecurityGroupIngressCommand, EnableEbsEncryptionByDefaultCommand } from '@aws-sdk/client-ec2';
import { CloudTrailClient, CreateTrailCommand, StartLoggingCommand, PutEventSelectorsCommand } from '@aws-sdk/client-cloudtrail';
import { ConfigServiceClient, PutConfigurationRecorderCommand, PutDeliveryChannelCommand, StartConfigurationRecorderCommand, PutConfigurationAggregatorCommand } from '@aws-sdk/client-config-service';
import { CloudWatchLogsClient, CreateLogGroupCommand, PutMetricFilterCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CloudWatchClient, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { SNSClient, CreateTopicCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { SecurityHubClient, EnableSecurityHubCommand } from '@aws-sdk/client-securityhub';
import { S3ControlClient, PutPublicAccessBlockCommand as PutAccountPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import { TEST_CREDENTIALS, MOTO_ACCOUNT } from './moto.js';

export const SEEDED = {
  account: MOTO_ACCOUNT,
  region: 'us-east-1',
  buckets: ['parapet-logs', 'parapet-public-site'],
  trail: 'org-trail',
  topic: 'security-alarms',
  roleName: 'support-role',
  policyName: 'deny-root',
  recordedTypes: ['AWS::S3::Bucket', 'AWS::IAM::Role', 'AWS::IAM::Policy', 'AWS::SNS::Topic'],
  aggregator: 'org-view',
  serverCertificate: 'legacy-www',
  /** Macie is enabled here and disabled in `otherRegion`. */
  otherRegion: 'eu-west-1',
  securityContact: { AlternateContactType: 'SECURITY', Name: 'Security team', Title: 'CISO office', EmailAddress: 'security@example.com', PhoneNumber: '+1-206-555-0100' },
  billingContact: { AlternateContactType: 'BILLING', Name: 'Accounts payable', Title: 'Finance', EmailAddress: 'billing@example.com', PhoneNumber: '+1-206-555-0101' },
} as const;

// moto stores a server certificate's body without reading it (and lists every
// one with the same fixed, long-past Expiration), so any PEM-shaped text does.
const CERTIFICATE_BODY = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUbW90bw==\n-----END CERTIFICATE-----';
const CERTIFICATE_KEY = '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQ==\n-----END PRIVATE KEY-----';

const UNAUTHORIZED_API_FILTER = '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }';

export async function seedAccount(endpoint: string): Promise<{ topicArn: string }> {
  const region = SEEDED.region;
  const base = { region, endpoint, credentials: TEST_CREDENTIALS };
  const s3 = new S3Client({ ...base, forcePathStyle: true });
  const iam = new IAMClient(base);
  const ec2 = new EC2Client(base);
  const trail = new CloudTrailClient(base);
  const config = new ConfigServiceClient(base);
  const logs = new CloudWatchLogsClient(base);
  const cloudwatch = new CloudWatchClient(base);
  const sns = new SNSClient(base);
  const hub = new SecurityHubClient(base);
  const s3control = new S3ControlClient({ ...base, disableHostPrefix: true, endpointProvider: () => ({ url: new URL(endpoint) }) });

  const account = new AccountClient(base);
  const macie = new Macie2Client(base);
  const macieElsewhere = new Macie2Client({ ...base, region: SEEDED.otherRegion });

  const [logsBucket, siteBucket] = SEEDED.buckets;
  const seedS3 = async () => {
    for (const Bucket of SEEDED.buckets) await s3.send(new CreateBucketCommand({ Bucket }));
    await s3.send(new PutBucketTaggingCommand({ Bucket: logsBucket, Tagging: { TagSet: [{ Key: 'env', Value: 'prod' }, { Key: 'team', Value: 'security' }] } }));
    await s3.send(new PutPublicAccessBlockCommand({ Bucket: logsBucket, PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } }));
    await s3.send(new PutBucketVersioningCommand({ Bucket: logsBucket, VersioningConfiguration: { Status: 'Enabled' } }));
    await s3.send(new PutBucketPolicyCommand({ Bucket: siteBucket, Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${siteBucket}/*` }] }) }));
    // What needs the log bucket: the trail and Config's delivery channel.
    await trail.send(new CreateTrailCommand({ Name: SEEDED.trail, S3BucketName: logsBucket, IsMultiRegionTrail: true, EnableLogFileValidation: true }));
    await trail.send(new StartLoggingCommand({ Name: SEEDED.trail }));
    await trail.send(new PutEventSelectorsCommand({ TrailName: SEEDED.trail, EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }] }));
    await config.send(new PutConfigurationRecorderCommand({ ConfigurationRecorder: { name: 'default', roleARN: `arn:aws:iam::${MOTO_ACCOUNT}:role/config`, recordingGroup: { allSupported: false, includeGlobalResourceTypes: false, resourceTypes: SEEDED.recordedTypes as never } } }));
    await config.send(new PutDeliveryChannelCommand({ DeliveryChannel: { name: 'default', s3BucketName: logsBucket } }));
    await config.send(new StartConfigurationRecorderCommand({ ConfigurationRecorderName: 'default' }));
    await config.send(new PutConfigurationAggregatorCommand({ ConfigurationAggregatorName: SEEDED.aggregator, AccountAggregationSources: [{ AccountIds: [MOTO_ACCOUNT], AllAwsRegions: true }] }));
  };
  const seedIam = async () => {
    await iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
    await iam.send(new CreateUserCommand({ UserName: 'bob' }));
    await iam.send(new CreateRoleCommand({ RoleName: SEEDED.roleName, AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${MOTO_ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] }), Tags: [{ Key: 'purpose', Value: 'support' }] }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: SEEDED.roleName, PolicyArn: 'arn:aws:iam::aws:policy/AWSSupportAccess' }));
    await iam.send(new CreatePolicyCommand({ PolicyName: SEEDED.policyName, PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' } } }] }) }));
    await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 14, RequireSymbols: true, PasswordReusePrevention: 24 }));
    await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'alice-phone' }));
    await iam.send(new UploadServerCertificateCommand({ ServerCertificateName: SEEDED.serverCertificate, CertificateBody: CERTIFICATE_BODY, PrivateKey: CERTIFICATE_KEY }));
  };
  const seedEc2 = async () => {
    const sg = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'ssh-open', Description: 'ssh from anywhere' }));
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: sg.GroupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
    await ec2.send(new EnableEbsEncryptionByDefaultCommand({}));
  };
  const seedAlarms = async () => {
    const topic = await sns.send(new CreateTopicCommand({ Name: SEEDED.topic }));
    await sns.send(new SubscribeCommand({ TopicArn: topic.TopicArn, Protocol: 'email', Endpoint: 'secops@example.com' }));
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'cloudtrail' }));
    await logs.send(new PutMetricFilterCommand({ logGroupName: 'cloudtrail', filterName: 'unauthorized-api-calls', filterPattern: UNAUTHORIZED_API_FILTER, metricTransformations: [{ metricName: 'UnauthorizedAPICalls', metricNamespace: 'CISBenchmark', metricValue: '1' }] }));
    await cloudwatch.send(new PutMetricAlarmCommand({ AlarmName: 'unauthorized-api-calls', MetricName: 'UnauthorizedAPICalls', Namespace: 'CISBenchmark', Statistic: 'Sum', Period: 300, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', AlarmActions: [topic.TopicArn!] }));
    return topic.TopicArn!;
  };
  const seedAccountSettings = async () => {
    await hub.send(new EnableSecurityHubCommand({ EnableDefaultStandards: false }));
    await s3control.send(new PutAccountPublicAccessBlockCommand({ AccountId: MOTO_ACCOUNT, PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: false } }));
    // OPERATIONS is left unset.
    for (const contact of [SEEDED.securityContact, SEEDED.billingContact]) await account.send(new PutAlternateContactCommand(contact));
    await macie.send(new EnableMacieCommand({ findingPublishingFrequency: 'SIX_HOURS' }));
    await macieElsewhere.send(new DisableMacieCommand({}));
  };

  const [, , , topicArn] = await Promise.all([seedS3(), seedIam(), seedEc2(), seedAlarms(), seedAccountSettings()]);

  for (const c of [s3, iam, ec2, trail, config, logs, cloudwatch, sns, hub, s3control, account, macie, macieElsewhere]) c.destroy();
  return { topicArn };
}
