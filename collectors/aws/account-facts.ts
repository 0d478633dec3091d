/**
 * The account facts CIS needs that AWS Config does not record, each read
 * through its own service's SDK client and emitted as a resource of a
 * Parapet-defined type (ARCHITECTURE.md, "AWS account facts"). `config` is the
 * API's response as the SDK returns it, dates as ISO-8601 strings.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  IAMClient, GenerateCredentialReportCommand, GetCredentialReportCommand, GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand, ListVirtualMFADevicesCommand, ListEntitiesForPolicyCommand, ListServerCertificatesCommand,
  type VirtualMFADevice, type PolicyGroup, type PolicyUser, type PolicyRole, type ServerCertificateMetadata,
} from '@aws-sdk/client-iam';
import { AccountClient, GetContactInformationCommand, GetAlternateContactCommand, type AlternateContactType } from '@aws-sdk/client-account';
import { Macie2Client, GetMacieSessionCommand } from '@aws-sdk/client-macie2';
import { EC2Client, GetEbsEncryptionByDefaultCommand } from '@aws-sdk/client-ec2';
import { S3ControlClient, GetPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import { AccessAnalyzerClient, ListAnalyzersCommand, type AnalyzerSummary } from '@aws-sdk/client-accessanalyzer';
import { SecurityHubClient, DescribeHubCommand } from '@aws-sdk/client-securityhub';
import {
  ConfigServiceClient, DescribeConfigurationRecordersCommand, DescribeConfigurationRecorderStatusCommand,
  type ConfigurationRecorder,
} from '@aws-sdk/client-config-service';
import { CloudTrailClient, DescribeTrailsCommand, GetTrailStatusCommand, GetEventSelectorsCommand } from '@aws-sdk/client-cloudtrail';
import { CloudWatchLogsClient, DescribeMetricFiltersCommand, type MetricFilter } from '@aws-sdk/client-cloudwatch-logs';
import { CloudWatchClient, DescribeAlarmsCommand, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { SNSClient, ListSubscriptionsByTopicCommand, type Subscription } from '@aws-sdk/client-sns';
import { ParapetError } from '../../common/errors.js';
import type { Resource } from '../schema/inventory.js';
import { clientConfig, plain } from './clients.js';
import { parseCredentialReport } from './credential-report.js';
import { attempt, call, emit, isAwsError, type AwsScope } from './scope.js';

/** The AWS managed policies whose attachments rules read (CIS 1.17: a support role). */
export const WATCHED_MANAGED_POLICIES = ['AWSSupportAccess'];

/** The alternate contacts an account can register (CIS 1.2 reads SECURITY). */
export const ALTERNATE_CONTACT_TYPES: AlternateContactType[] = ['BILLING', 'OPERATIONS', 'SECURITY'];

/** `arn:aws:parapet:<region>:<account>:<service>-<thing>[/<name>]`, e.g. `…:iam-credentialreport`. */
export function factId(type: string, region: string, account: string, name?: string): string {
  const suffix = type.replace(/^Parapet::/, '').split('::').join('-').toLowerCase();
  return `arn:aws:parapet:${region}:${account}:${suffix}${name ? `/${name}` : ''}`;
}

function fact(scope: AwsScope, type: string, config: Record<string, unknown>, name?: string): Resource {
  return {
    id: factId(type, scope.region, scope.account, name),
    provider: 'aws',
    type,
    account: scope.account,
    region: scope.region,
    name: name ?? type.replace(/^Parapet::/, ''),
    tags: {},
    config,
    observed_at: new Date().toISOString(),
  };
}

/** Account-wide facts: IAM, the S3 account public access block and the account's contacts (scope.region is `global`). */
export async function collectGlobalFacts(scope: AwsScope): Promise<void> {
  const iam = new IAMClient(clientConfig(scope.settings, scope.homeRegion));
  const account = new AccountClient(clientConfig(scope.settings, scope.homeRegion));
  // S3 Control's endpoint rules put the account id in front of the host, which a
  // custom endpoint (moto, LocalStack: an IP address) cannot take; send it as given.
  const endpoint = scope.settings.endpoint;
  const s3control = new S3ControlClient(clientConfig(scope.settings, scope.homeRegion, endpoint ? { disableHostPrefix: true, endpointProvider: () => ({ url: new URL(endpoint) }) } : {}));
  try {
    await attempt(scope, 'Parapet::IAM::CredentialReport', async () => {
      const deadline = Date.now() + 120_000;
      for (let wait = 250; ; wait = Math.min(wait * 2, 4000)) {
        const gen = await call(scope, () => iam.send(new GenerateCredentialReportCommand({})));
        if (gen.State === 'COMPLETE') break;
        if (Date.now() > deadline) throw new ParapetError('aws_credential_report_timeout', 'the IAM credential report was not ready within 120 s');
        await sleep(wait);
      }
      const report = await call(scope, () => iam.send(new GetCredentialReportCommand({})));
      const csv = Buffer.from(report.Content ?? new Uint8Array()).toString('utf8');
      await emit(scope, fact(scope, 'Parapet::IAM::CredentialReport', {
        Users: parseCredentialReport(csv),
        GeneratedTime: report.GeneratedTime ? report.GeneratedTime.toISOString() : null,
      }));
    });
    await attempt(scope, 'Parapet::IAM::PasswordPolicy', async () => {
      let policy: Record<string, unknown> = {};
      try {
        const out = await call(scope, () => iam.send(new GetAccountPasswordPolicyCommand({})));
        policy = plain(out.PasswordPolicy);
      } catch (err) {
        if (!isAwsError(err, 'NoSuchEntityException', 'NoSuchEntity')) throw err;
      }
      await emit(scope, fact(scope, 'Parapet::IAM::PasswordPolicy', policy));
    });
    await attempt(scope, 'Parapet::IAM::AccountSummary', async () => {
      const summary = await call(scope, () => iam.send(new GetAccountSummaryCommand({})));
      const devices: VirtualMFADevice[] = [];
      let marker: string | undefined;
      do {
        const page = await call(scope, () => iam.send(new ListVirtualMFADevicesCommand({ Marker: marker })));
        devices.push(...(page.VirtualMFADevices ?? []));
        marker = page.IsTruncated ? page.Marker : undefined;
      } while (marker);
      await emit(scope, fact(scope, 'Parapet::IAM::AccountSummary', {
        ...plain(summary.SummaryMap),
        // The seed and QR code are the device's secret: never kept.
        VirtualMFADevices: devices.map(({ Base32StringSeed: _seed, QRCodePNG: _qr, ...rest }) => plain(rest)),
      }));
    });
    for (const policyName of WATCHED_MANAGED_POLICIES) {
      await attempt(scope, `Parapet::IAM::PolicyEntities/${policyName}`, async () => {
        const policyArn = `arn:aws:iam::aws:policy/${policyName}`;
        const groups: PolicyGroup[] = [], users: PolicyUser[] = [], roles: PolicyRole[] = [];
        let marker: string | undefined;
        do {
          const page = await call(scope, () => iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: policyArn, Marker: marker })));
          groups.push(...(page.PolicyGroups ?? []));
          users.push(...(page.PolicyUsers ?? []));
          roles.push(...(page.PolicyRoles ?? []));
          marker = page.IsTruncated ? page.Marker : undefined;
        } while (marker);
        await emit(scope, fact(scope, 'Parapet::IAM::PolicyEntities', {
          PolicyArn: policyArn, PolicyGroups: groups.map(plainItem), PolicyUsers: users.map(plainItem), PolicyRoles: roles.map(plainItem),
        }, policyName));
      });
    }
    await attempt(scope, 'Parapet::S3::AccountPublicAccessBlock', async () => {
      let block: Record<string, unknown> = {};
      try {
        const out = await call(scope, () => s3control.send(new GetPublicAccessBlockCommand({ AccountId: scope.account })));
        block = plain(out.PublicAccessBlockConfiguration);
      } catch (err) {
        if (!isAwsError(err, 'NoSuchPublicAccessBlockConfiguration')) throw err;
      }
      await emit(scope, fact(scope, 'Parapet::S3::AccountPublicAccessBlock', block));
    });
    await attempt(scope, 'Parapet::IAM::ServerCertificates', async () => {
      const certificates: ServerCertificateMetadata[] = [];
      let marker: string | undefined;
      do {
        const page = await call(scope, () => iam.send(new ListServerCertificatesCommand({ Marker: marker })));
        certificates.push(...(page.ServerCertificateMetadataList ?? []));
        marker = page.IsTruncated ? page.Marker : undefined;
      } while (marker);
      await emit(scope, fact(scope, 'Parapet::IAM::ServerCertificates', { ServerCertificateMetadataList: certificates.map(plainItem) }));
    });
    await attempt(scope, 'Parapet::Account::ContactInformation', async () => {
      let contact: Record<string, unknown> = {};
      try {
        const out = await call(scope, () => account.send(new GetContactInformationCommand({})));
        contact = plain(out.ContactInformation);
      } catch (err) {
        // No contact information on record. A denied call is not "none": it stays an error of the scope.
        if (!isAwsError(err, 'ResourceNotFoundException')) throw err;
      }
      await emit(scope, fact(scope, 'Parapet::Account::ContactInformation', contact));
    });
    await attempt(scope, 'Parapet::Account::AlternateContacts', async () => {
      const contacts: Record<string, unknown>[] = [];
      for (const type of ALTERNATE_CONTACT_TYPES) {
        try {
          const out = await call(scope, () => account.send(new GetAlternateContactCommand({ AlternateContactType: type })));
          if (out.AlternateContact) contacts.push(plain(out.AlternateContact));
        } catch (err) {
          // The account answers ResourceNotFoundException for a contact type that was never set.
          if (!isAwsError(err, 'ResourceNotFoundException')) throw err;
        }
      }
      await emit(scope, fact(scope, 'Parapet::Account::AlternateContacts', { AlternateContacts: contacts }));
    });
  } finally {
    iam.destroy();
    s3control.destroy();
    account.destroy();
  }
}
function plainItem(v: unknown): Record<string, unknown> {
  return plain(v);
}

/**
 * Macie answers ResourceNotFoundException, or AccessDeniedException "Macie is
 * not enabled.", in a region where it was never enabled (or was disabled).
 * Any other denial is a missing permission: an error, not a finding.
 */
export function isMacieNotEnabled(err: unknown): boolean {
  if (isAwsError(err, 'ResourceNotFoundException')) return true;
  return isAwsError(err, 'AccessDeniedException') && /not enabled/i.test(String((err as { message?: unknown }).message ?? ''));
}

/** GetMacieSession's camelCase members with upper-case initials (`Status`, `CreatedAt`, …), as ARCHITECTURE.md fixes for this fact. */
export function macieSessionConfig(session: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(session).map(([k, v]) => [k.charAt(0).toUpperCase() + k.slice(1), v]));
}

/** The recorders of one region, read once: a fact of their own, and how the Config reader learns what is recorded. */
export async function readRecorders(scope: AwsScope, config: ConfigServiceClient): Promise<{ recorders: ConfigurationRecorder[]; status: unknown[] }> {
  const recorders = await call(scope, () => config.send(new DescribeConfigurationRecordersCommand({})));
  const status = await call(scope, () => config.send(new DescribeConfigurationRecorderStatusCommand({})));
  return { recorders: recorders.ConfigurationRecorders ?? [], status: status.ConfigurationRecordersStatus ?? [] };
}

/** Facts of one region. `recorders` is passed in when the Config reader already read them. */
export async function collectRegionalFacts(scope: AwsScope, recorders?: { recorders: ConfigurationRecorder[]; status: unknown[] }): Promise<void> {
  const cfg = (extra: Record<string, unknown> = {}) => clientConfig(scope.settings, scope.region, extra);
  const ec2 = new EC2Client(cfg());
  const analyzer = new AccessAnalyzerClient(cfg());
  const hub = new SecurityHubClient(cfg());
  const config = new ConfigServiceClient(cfg());
  const trail = new CloudTrailClient(cfg());
  const logs = new CloudWatchLogsClient(cfg());
  const cloudwatch = new CloudWatchClient(cfg());
  const sns = new SNSClient(cfg());
  const macie = new Macie2Client(cfg());
  try {
    await attempt(scope, 'Parapet::EC2::EbsEncryptionByDefault', async () => {
      const out = await call(scope, () => ec2.send(new GetEbsEncryptionByDefaultCommand({})));
      await emit(scope, fact(scope, 'Parapet::EC2::EbsEncryptionByDefault', { EbsEncryptionByDefault: out.EbsEncryptionByDefault === true }));
    });
    await attempt(scope, 'Parapet::AccessAnalyzer::Analyzers', async () => {
      const analyzers: AnalyzerSummary[] = [];
      let token: string | undefined;
      do {
        const page = await call(scope, () => analyzer.send(new ListAnalyzersCommand({ nextToken: token })));
        analyzers.push(...(page.analyzers ?? []));
        token = page.nextToken;
      } while (token);
      await emit(scope, fact(scope, 'Parapet::AccessAnalyzer::Analyzers', { Analyzers: analyzers.map(plainItem) }));
    });
    await attempt(scope, 'Parapet::SecurityHub::Hub', async () => {
      let described: Record<string, unknown> = {};
      try {
        described = plain(await call(scope, () => hub.send(new DescribeHubCommand({}))));
      } catch (err) {
        // Security Hub answers these when it is not enabled in the region.
        if (!isAwsError(err, 'InvalidAccessException', 'ResourceNotFoundException')) throw err;
      }
      await emit(scope, fact(scope, 'Parapet::SecurityHub::Hub', described));
    });
    await attempt(scope, 'Parapet::Config::Recorders', async () => {
      const read = recorders ?? await readRecorders(scope, config);
      await emit(scope, fact(scope, 'Parapet::Config::Recorders', {
        ConfigurationRecorders: read.recorders.map(plainItem),
        ConfigurationRecordersStatus: read.status.map(plainItem),
      }));
    });
    await attempt(scope, 'Parapet::CloudTrail::TrailStatus', async () => {
      const trails = await call(scope, () => trail.send(new DescribeTrailsCommand({ includeShadowTrails: false })));
      for (const t of trails.trailList ?? []) {
        if (t.HomeRegion && t.HomeRegion !== scope.region) continue;
        const name = t.TrailARN ?? t.Name!;
        const status = await call(scope, () => trail.send(new GetTrailStatusCommand({ Name: name })));
        const selectors = await call(scope, () => trail.send(new GetEventSelectorsCommand({ TrailName: name })));
        await emit(scope, fact(scope, 'Parapet::CloudTrail::TrailStatus', {
          Trail: plain(t),
          Status: plain(status),
          EventSelectors: (selectors.EventSelectors ?? []).map(plainItem),
          AdvancedEventSelectors: (selectors.AdvancedEventSelectors ?? []).map(plainItem),
        }, t.Name));
      }
    });
    await attempt(scope, 'Parapet::CloudWatch::MetricFilterAlarms', async () => {
      const filters: MetricFilter[] = [];
      let token: string | undefined;
      do {
        const page = await call(scope, () => logs.send(new DescribeMetricFiltersCommand({ nextToken: token })));
        filters.push(...(page.metricFilters ?? []));
        token = page.nextToken;
      } while (token);
      const alarms: MetricAlarm[] = [];
      token = undefined;
      do {
        const page = await call(scope, () => cloudwatch.send(new DescribeAlarmsCommand({ NextToken: token })));
        alarms.push(...(page.MetricAlarms ?? []));
        token = page.NextToken;
      } while (token);
      const topics = new Set<string>();
      for (const a of alarms) for (const action of a.AlarmActions ?? []) if (action.startsWith('arn:') && action.split(':')[2] === 'sns') topics.add(action);
      const subscriptions: Record<string, unknown[]> = {};
      for (const topic of topics) {
        const subs: Subscription[] = [];
        token = undefined;
        try {
          do {
            const page = await call(scope, () => sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topic, NextToken: token })));
            subs.push(...(page.Subscriptions ?? []));
            token = page.NextToken;
          } while (token);
        } catch (err) {
          // An alarm may name a topic of another account or one since deleted: it has no subscriptions we can see.
          if (!isAwsError(err, 'NotFoundException', 'NotFound', 'AuthorizationErrorException', 'AuthorizationError')) throw err;
        }
        subscriptions[topic] = subs.map(plainItem);
      }
      await emit(scope, fact(scope, 'Parapet::CloudWatch::MetricFilterAlarms', {
        MetricFilters: filters.map(plainItem),
        MetricAlarms: alarms.map(plainItem),
        Subscriptions: subscriptions,
      }));
    });
    await attempt(scope, 'Parapet::Macie::Session', async () => {
      let session: Record<string, unknown> = {};
      try {
        session = macieSessionConfig(plain(await call(scope, () => macie.send(new GetMacieSessionCommand({})))));
      } catch (err) {
        if (!isMacieNotEnabled(err)) throw err;
      }
      await emit(scope, fact(scope, 'Parapet::Macie::Session', session));
    });
  } finally {
    for (const c of [ec2, analyzer, hub, config, trail, logs, cloudwatch, sns, macie]) c.destroy();
  }
}
