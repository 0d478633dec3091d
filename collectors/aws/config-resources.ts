/**
 * AWS Config's recorded resources: ListDiscoveredResources per resource type,
 * then BatchGetResourceConfig 100 keys a call, resubmitting unprocessed keys;
 * or the same through a configuration aggregator's aggregate APIs.
 */
import {
  ConfigServiceClient, ListDiscoveredResourcesCommand, BatchGetResourceConfigCommand, GetDiscoveredResourceCountsCommand,
  ListAggregateDiscoveredResourcesCommand, BatchGetAggregateResourceConfigCommand, GetAggregateDiscoveredResourceCountsCommand,
  ResourceType, type ResourceKey, type AggregateResourceIdentifier, type ConfigurationRecorder, type BaseConfigurationItem,
} from '@aws-sdk/client-config-service';
import { ParapetError } from '../../common/errors.js';
import { isTransientError } from '../common/retry.js';
import { configurationItemToResource } from './normalize.js';
import { attempt, call, emit, type AwsScope } from './scope.js';

export const BATCH_SIZE = 100;
const PAGE_SIZE = 100;
/** Rounds of resubmitting unprocessed keys before the rest count as failed. */
const UNPROCESSED_ROUNDS = 5;

/** Every resource type the SDK knows Config can record (the fallback when Config will not say what it holds). */
export const ALL_CONFIG_TYPES: string[] = Object.values(ResourceType);

/**
 * The resource types to read in a region: the recorder's explicit list when it
 * records a fixed set, else the types GetDiscoveredResourceCounts reports,
 * else (when that call is refused) every type Config supports.
 */
export async function recordedTypes(scope: AwsScope, client: ConfigServiceClient, recorders: ConfigurationRecorder[]): Promise<string[]> {
  if (recorders.length === 0) return [];
  const explicit = new Set<string>();
  let everything = false;
  for (const r of recorders) {
    const group = r.recordingGroup;
    const strategy = group?.recordingStrategy?.useOnly;
    if (group && group.allSupported === false && (strategy === undefined || strategy === 'INCLUSION_BY_RESOURCE_TYPES') && (group.resourceTypes?.length ?? 0) > 0) {
      for (const t of group.resourceTypes ?? []) explicit.add(t);
    } else everything = true;
  }
  if (!everything) return [...explicit].sort();
  try {
    const types = new Set<string>();
    let token: string | undefined;
    do {
      const page = await call(scope, () => client.send(new GetDiscoveredResourceCountsCommand({ nextToken: token, limit: 100 })));
      for (const c of page.resourceCounts ?? []) if (c.resourceType && (c.count ?? 0) > 0) types.add(c.resourceType);
      token = page.nextToken;
    } while (token);
    return [...types].sort();
  } catch (err) {
    if (isTransientError(err)) throw err;
    return ALL_CONFIG_TYPES;
  }
}

/** Reads every recorded resource of the given types in scope.region. */
export async function collectConfigResources(scope: AwsScope, client: ConfigServiceClient, types: string[]): Promise<void> {
  for (const type of types) {
    await attempt(scope, type, async () => {
      let token: string | undefined;
      do {
        const page = await call(scope, () => client.send(new ListDiscoveredResourcesCommand({ resourceType: type as ResourceType, limit: PAGE_SIZE, nextToken: token })));
        const keys: ResourceKey[] = (page.resourceIdentifiers ?? [])
          .filter((r) => r.resourceId && !r.resourceDeletionTime)
          .map((r) => ({ resourceType: (r.resourceType ?? type) as ResourceType, resourceId: r.resourceId! }));
        for (let i = 0; i < keys.length; i += BATCH_SIZE) await batchGet(scope, client, keys.slice(i, i + BATCH_SIZE));
        token = page.nextToken;
      } while (token);
    });
  }
}

async function batchGet(scope: AwsScope, client: ConfigServiceClient, keys: ResourceKey[]): Promise<void> {
  let pending = keys;
  for (let round = 0; pending.length > 0; round++) {
    if (round >= UNPROCESSED_ROUNDS) {
      throw new ParapetError('aws_config_unprocessed', `AWS Config left ${pending.length} resource keys unprocessed after ${UNPROCESSED_ROUNDS} rounds (first: ${pending[0].resourceType} ${pending[0].resourceId})`);
    }
    const out = await call(scope, () => client.send(new BatchGetResourceConfigCommand({ resourceKeys: pending })));
    await emitItems(scope, out.baseConfigurationItems);
    pending = out.unprocessedResourceKeys ?? [];
  }
}

async function emitItems(scope: AwsScope, items: BaseConfigurationItem[] | undefined): Promise<void> {
  for (const item of items ?? []) {
    const resource = configurationItemToResource(item, scope.account, scope.region);
    if (resource) await emit(scope, resource);
  }
}

/** Every resource an aggregator holds, across its source accounts and regions. */
export async function collectAggregatorResources(scope: AwsScope, client: ConfigServiceClient, aggregator: string, types?: string[]): Promise<void> {
  let wanted = types;
  if (!wanted) {
    const found = new Set<string>();
    let token: string | undefined;
    do {
      const page = await call(scope, () => client.send(new GetAggregateDiscoveredResourceCountsCommand({ ConfigurationAggregatorName: aggregator, GroupByKey: 'RESOURCE_TYPE', NextToken: token })));
      for (const g of page.GroupedResourceCounts ?? []) if (g.GroupName && (g.ResourceCount ?? 0) > 0) found.add(g.GroupName);
      token = page.NextToken;
    } while (token);
    wanted = [...found].sort();
  }
  for (const type of wanted) {
    await attempt(scope, type, async () => {
      let token: string | undefined;
      do {
        const page = await call(scope, () => client.send(new ListAggregateDiscoveredResourcesCommand({ ConfigurationAggregatorName: aggregator, ResourceType: type as ResourceType, Limit: PAGE_SIZE, NextToken: token })));
        const ids: AggregateResourceIdentifier[] = (page.ResourceIdentifiers ?? []).filter((r) => r.ResourceId && r.SourceAccountId && r.SourceRegion) as AggregateResourceIdentifier[];
        for (let i = 0; i < ids.length; i += BATCH_SIZE) {
          let pending = ids.slice(i, i + BATCH_SIZE);
          for (let round = 0; pending.length > 0; round++) {
            if (round >= UNPROCESSED_ROUNDS) {
              throw new ParapetError('aws_config_unprocessed', `the aggregator ${aggregator} left ${pending.length} resources unprocessed after ${UNPROCESSED_ROUNDS} rounds (first: ${pending[0].ResourceType} ${pending[0].ResourceId} in ${pending[0].SourceAccountId}/${pending[0].SourceRegion})`);
            }
            const out = await call(scope, () => client.send(new BatchGetAggregateResourceConfigCommand({ ConfigurationAggregatorName: aggregator, ResourceIdentifiers: pending })));
            await emitItems(scope, out.BaseConfigurationItems);
            pending = out.UnprocessedResourceIdentifiers ?? [];
          }
        }
        token = page.NextToken;
      } while (token);
    });
  }
}
