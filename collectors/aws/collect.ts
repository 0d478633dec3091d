/**
 * The AWS collector: for every account (the caller's, role ARNs to assume, or
 * an Organization's accounts through one role name) and every enabled region,
 * the resources AWS Config records and the account facts it does not; or an
 * aggregator's organization-wide view from one account.
 *
 * Sources: `aws:<account>/global` (account-wide facts) and
 * `aws:<account>/<region>` (Config resources and regional facts) per account,
 * `aws:aggregator/<name>` for an aggregator. A scope that fails is recorded
 * with `complete: false` and its errors; everything else is kept.
 */
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { EC2Client, DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { OrganizationsClient, ListAccountsCommand } from '@aws-sdk/client-organizations';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { ParapetError } from '../../common/errors.js';
import type { Resource, Source } from '../schema/inventory.js';
import type { RetryOptions } from '../common/retry.js';
import type { Progress } from '../common/progress.js';
import { clientConfig, type AwsClientSettings } from './clients.js';
import { collectGlobalFacts, collectRegionalFacts, readRecorders } from './account-facts.js';
import { collectAggregatorResources, collectConfigResources, recordedTypes } from './config-resources.js';
import { attempt, call, type AwsScope } from './scope.js';

export interface AwsCollectOptions {
  emit(resource: Resource): Promise<void>;
  /** Regions to read; default: every region enabled for the account (EC2 DescribeRegions). */
  regions?: string[];
  /** Roles to assume, one account each; default: the caller's own account. */
  roleArns?: string[];
  /** Read every active account of the caller's Organization by assuming this role name in each. */
  organizationRole?: string;
  /** Read resources through this configuration aggregator (in `aggregatorRegion`) instead of per region. */
  aggregator?: string;
  aggregatorRegion?: string;
  /** Resource types to read; default: what Config records. */
  resourceTypes?: string[];
  /** Read the account facts (default true). */
  facts?: boolean;
  /** Where STS, IAM, Organizations, S3 Control and DescribeRegions are called (default $AWS_REGION or us-east-1). */
  homeRegion?: string;
  endpoint?: string;
  /** Attempts the SDK makes per request (its standard retry mode). */
  maxAttempts?: number;
  /** Our retry around each page, on top of the SDK's. */
  retry?: RetryOptions;
  /** Regions read at the same time. */
  concurrency?: number;
  progress?: Progress;
  credentials?: AwsCredentialIdentityProvider;
}

interface Target {
  label: string;
  settings: AwsClientSettings;
}

const SESSION_NAME = 'parapet-collect';

export async function collectAws(options: AwsCollectOptions): Promise<Source[]> {
  const homeRegion = options.homeRegion ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const base: AwsClientSettings = { credentials: options.credentials, endpoint: options.endpoint, maxAttempts: options.maxAttempts };
  const retry: RetryOptions = { attempts: 4, baseMs: 250, ...options.retry };
  const sources: Source[] = [];
  const targets: Target[] = [];

  const assume = (roleArn: string): AwsClientSettings => ({
    ...base,
    credentials: fromTemporaryCredentials({
      params: { RoleArn: roleArn, RoleSessionName: SESSION_NAME },
      ...(base.credentials ? { masterCredentials: base.credentials } : {}),
      clientConfig: clientConfig(base, homeRegion),
    }),
  });

  if (options.organizationRole) {
    const started = new Date().toISOString();
    const orgScope = newScope('organization', 'global', homeRegion, base, retry, options);
    await attempt(orgScope, 'ListAccounts', async () => {
      const org = new OrganizationsClient(clientConfig(base, homeRegion));
      try {
        let token: string | undefined;
        do {
          const page = await call(orgScope, () => org.send(new ListAccountsCommand({ NextToken: token })));
          for (const a of page.Accounts ?? []) {
            if (a.Id && (a.Status === undefined || a.Status === 'ACTIVE')) {
              targets.push({ label: `arn:aws:iam::${a.Id}:role/${options.organizationRole}`, settings: assume(`arn:aws:iam::${a.Id}:role/${options.organizationRole}`) });
            }
          }
          token = page.NextToken;
        } while (token);
      } finally {
        org.destroy();
      }
    });
    if (orgScope.errors.length) sources.push({ provider: 'aws', scope: 'aws:organization', collector: 'aws-organizations', started_at: started, finished_at: new Date().toISOString(), complete: false, resource_count: 0, errors: orgScope.errors });
  }
  for (const roleArn of options.roleArns ?? []) targets.push({ label: roleArn, settings: assume(roleArn) });
  if (!options.organizationRole && !options.roleArns?.length) targets.push({ label: 'default credentials', settings: base });

  const accounts: Array<{ account: string; settings: AwsClientSettings }> = [];
  for (const target of targets) {
    const started = new Date().toISOString();
    const probe = newScope(target.label, 'global', homeRegion, target.settings, retry, options);
    let account: string | undefined;
    await attempt(probe, 'GetCallerIdentity', async () => {
      const sts = new STSClient(clientConfig(target.settings, homeRegion));
      try {
        account = (await call(probe, () => sts.send(new GetCallerIdentityCommand({})))).Account;
      } finally {
        sts.destroy();
      }
      if (!account) throw new ParapetError('aws_no_account', `STS did not name the account of ${target.label}`);
    });
    if (!account) {
      sources.push({ provider: 'aws', scope: `aws:${target.label}`, collector: 'aws-config', started_at: started, finished_at: new Date().toISOString(), complete: false, resource_count: 0, errors: probe.errors });
      continue;
    }
    if (!accounts.some((a) => a.account === account)) accounts.push({ account, settings: target.settings });
  }

  if (options.aggregator) {
    const aggRegion = options.aggregatorRegion ?? homeRegion;
    const first = accounts[0];
    if (first) {
      const started = new Date().toISOString();
      const scope = newScope(first.account, aggRegion, homeRegion, first.settings, retry, options);
      options.progress?.scope(`aggregator ${options.aggregator}`);
      const client = new ConfigServiceClient(clientConfig(first.settings, aggRegion));
      try {
        await attempt(scope, `aggregator/${options.aggregator}`, () => collectAggregatorResources(scope, client, options.aggregator!, options.resourceTypes));
      } finally {
        client.destroy();
      }
      sources.push(finish(`aws:aggregator/${options.aggregator}`, 'aws-config-aggregator', started, scope));
    }
  }

  for (const { account, settings } of accounts) {
    if (options.facts !== false) {
      const started = new Date().toISOString();
      const scope = newScope(account, 'global', homeRegion, settings, retry, options);
      options.progress?.scope(`${account}/global`);
      await collectGlobalFacts(scope);
      sources.push(finish(`aws:${account}/global`, 'aws-account-facts', started, scope));
    }
    let regions = options.regions;
    if (!regions?.length) {
      const started = new Date().toISOString();
      const scope = newScope(account, 'global', homeRegion, settings, retry, options);
      await attempt(scope, 'DescribeRegions', async () => {
        const ec2 = new EC2Client(clientConfig(settings, homeRegion));
        try {
          const out = await call(scope, () => ec2.send(new DescribeRegionsCommand({ AllRegions: false })));
          regions = (out.Regions ?? []).filter((r) => r.OptInStatus !== 'not-opted-in').map((r) => r.RegionName!).filter(Boolean).sort();
        } finally {
          ec2.destroy();
        }
      });
      if (!regions?.length) {
        sources.push(finish(`aws:${account}/regions`, 'aws-config', started, scope));
        continue;
      }
    }
    const regionSources = await mapLimit(regions, options.concurrency ?? 4, (region) => collectRegion(account, region, homeRegion, settings, retry, options));
    sources.push(...regionSources);
  }
  return sources;
}

async function collectRegion(account: string, region: string, homeRegion: string, settings: AwsClientSettings, retry: RetryOptions, options: AwsCollectOptions): Promise<Source> {
  const started = new Date().toISOString();
  const scope = newScope(account, region, homeRegion, settings, retry, options);
  options.progress?.scope(`${account}/${region}`);
  const client = new ConfigServiceClient(clientConfig(settings, region));
  try {
    let recorders: Awaited<ReturnType<typeof readRecorders>> | undefined;
    await attempt(scope, 'DescribeConfigurationRecorders', async () => {
      recorders = await readRecorders(scope, client);
    });
    if (!options.aggregator) {
      let types: string[] | undefined = options.resourceTypes;
      if (!types && recorders) await attempt(scope, 'GetDiscoveredResourceCounts', async () => { types = await recordedTypes(scope, client, recorders!.recorders); });
      if (types?.length) await collectConfigResources(scope, client, types);
    }
    if (options.facts !== false) await collectRegionalFacts(scope, recorders);
  } finally {
    client.destroy();
  }
  return finish(`aws:${account}/${region}`, 'aws-config', started, scope);
}

function newScope(account: string, region: string, homeRegion: string, settings: AwsClientSettings, retry: RetryOptions, options: AwsCollectOptions): AwsScope {
  return { account, region, homeRegion, settings, retry, progress: options.progress, emit: options.emit, errors: [], count: 0 };
}

function finish(scopeName: string, collector: string, started: string, scope: AwsScope): Source {
  const source: Source = { provider: 'aws', scope: scopeName, collector, started_at: started, finished_at: new Date().toISOString(), complete: scope.errors.length === 0, resource_count: scope.count };
  if (scope.errors.length) source.errors = scope.errors;
  return source;
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
