/**
 * The Azure facts Resource Graph does not hold (ARCHITECTURE.md, "Azure account
 * facts"): diagnostic settings, blob service properties, SQL auditing / TDE /
 * encryption protector, database server firewall rules and parameters, Key
 * Vault key and secret metadata, App Service auth settings, the tenant's
 * subscription policy. Each is an ARM GET on a resource the Resource Graph
 * pass saw; the collector remembers only the ids (and locations) of those
 * parents, never their rows.
 */
import { errorMessage } from '../../common/errors.js';
import type { Resource, SourceError } from '../schema/inventory.js';

export interface FactPlan {
  type: string;
  /** Parent resource types (lower-case) the fact hangs under. */
  parents: string[];
  /** Path under the parent id. */
  path: string;
  apiVersion: string;
  /** `single`: the GET body is the fact; `items`: each of `value[]` is one; `list`: the whole list is one fact. */
  shape: 'single' | 'items' | 'list';
}

const DIAGNOSTIC_TARGETS = [
  'microsoft.resources/subscriptions',
  'microsoft.keyvault/vaults', 'microsoft.network/networksecuritygroups', 'microsoft.network/applicationgateways',
  'microsoft.network/azurefirewalls', 'microsoft.network/publicipaddresses', 'microsoft.sql/servers/databases',
  'microsoft.documentdb/databaseaccounts', 'microsoft.dbforpostgresql/flexibleservers', 'microsoft.dbformysql/flexibleservers',
  'microsoft.web/sites', 'microsoft.containerservice/managedclusters', 'microsoft.containerregistry/registries',
  'microsoft.eventhub/namespaces', 'microsoft.servicebus/namespaces', 'microsoft.logic/workflows', 'microsoft.apimanagement/service',
  'microsoft.recoveryservices/vaults', 'microsoft.datafactory/factories', 'microsoft.search/searchservices', 'microsoft.cdn/profiles',
  'microsoft.storage/storageaccounts',
];
const DB_SERVERS = ['microsoft.dbforpostgresql/servers', 'microsoft.dbforpostgresql/flexibleservers', 'microsoft.dbformysql/servers', 'microsoft.dbformysql/flexibleservers'];

/** API versions per parent type where one plan spans providers. */
const SERVER_API: Record<string, string> = {
  'microsoft.sql/servers': '2021-11-01',
  'microsoft.dbforpostgresql/servers': '2017-12-01',
  'microsoft.dbforpostgresql/flexibleservers': '2022-12-01',
  'microsoft.dbformysql/servers': '2017-12-01',
  'microsoft.dbformysql/flexibleservers': '2023-12-30',
};

export const FACT_PLANS: FactPlan[] = [
  { type: 'parapet.azure/diagnosticsetting', parents: DIAGNOSTIC_TARGETS, path: '/providers/microsoft.insights/diagnosticSettings', apiVersion: '2021-05-01-preview', shape: 'items' },
  ...['blobServices', 'queueServices', 'tableServices'].map((s): FactPlan => ({
    type: 'parapet.azure/diagnosticsetting', parents: ['microsoft.storage/storageaccounts'], path: `/${s}/default/providers/microsoft.insights/diagnosticSettings`, apiVersion: '2021-05-01-preview', shape: 'items',
  })),
  { type: 'parapet.azure/storageblobservice', parents: ['microsoft.storage/storageaccounts'], path: '/blobServices/default', apiVersion: '2023-01-01', shape: 'single' },
  { type: 'parapet.azure/sqlserverauditingpolicy', parents: ['microsoft.sql/servers'], path: '/auditingSettings/default', apiVersion: '2021-11-01', shape: 'single' },
  { type: 'parapet.azure/sqlserverencryptionprotector', parents: ['microsoft.sql/servers'], path: '/encryptionProtector/current', apiVersion: '2021-11-01', shape: 'single' },
  { type: 'parapet.azure/sqldatabasetde', parents: ['microsoft.sql/servers/databases'], path: '/transparentDataEncryption/current', apiVersion: '2021-11-01', shape: 'single' },
  { type: 'parapet.azure/firewallrule', parents: ['microsoft.sql/servers', ...DB_SERVERS], path: '/firewallRules', apiVersion: '', shape: 'items' },
  { type: 'parapet.azure/serverconfigurations', parents: DB_SERVERS, path: '/configurations', apiVersion: '', shape: 'list' },
  { type: 'parapet.azure/keyvaultkey', parents: ['microsoft.keyvault/vaults'], path: '/keys', apiVersion: '2023-07-01', shape: 'items' },
  { type: 'parapet.azure/keyvaultsecret', parents: ['microsoft.keyvault/vaults'], path: '/secrets', apiVersion: '2023-07-01', shape: 'items' },
  { type: 'parapet.azure/siteauthsettings', parents: ['microsoft.web/sites'], path: '/config/authsettingsV2', apiVersion: '2022-09-01', shape: 'single' },
];

export const SUBSCRIPTION_POLICY = { type: 'parapet.azure/subscriptionpolicy', path: '/providers/Microsoft.Subscription/policies/default', apiVersion: '2021-10-01' };

const PARENT_TYPES = new Set(FACT_PLANS.flatMap((p) => p.parents));

/** A parent the fact pass will visit: what it needs of the Resource Graph row. */
export interface FactParent {
  id: string;
  type: string;
  account: string;
  region: string;
}

export function needsFacts(resource: Resource): FactParent | undefined {
  if (!PARENT_TYPES.has(resource.type)) return undefined;
  if (resource.type === 'microsoft.sql/servers/databases' && resource.name.toLowerCase() === 'master') return undefined;
  return { id: resource.id, type: resource.type, account: resource.account, region: resource.region };
}

/**
 * An ARM GET of `path?api-version=…` (or of a full `nextLink` URL): the parsed
 * body, or undefined for 404 (no such child: not an error).
 */
export type ArmGet = (pathOrUrl: string, apiVersion?: string) => Promise<unknown | undefined>;

/** Secret values never enter an inventory, whatever an API version returns. */
function withoutSecretValue(item: Record<string, unknown>): Record<string, unknown> {
  const props = item.properties as Record<string, unknown> | undefined;
  if (!props || !('value' in props)) return item;
  const { value: _dropped, ...rest } = props;
  return { ...item, properties: rest };
}

function factResource(type: string, id: string, parent: FactParent, config: Record<string, unknown>): Resource {
  const lower = id.toLowerCase();
  return {
    id: lower, provider: 'azure', type, account: parent.account, region: parent.region,
    name: typeof config.name === 'string' ? config.name : lower.split('/').pop()!, tags: {}, config,
  };
}

/** The facts of one parent, through `get`; errors are returned, not thrown, so one parent cannot stop the rest. */
export async function factsOf(parent: FactParent, get: ArmGet): Promise<{ facts: Resource[]; errors: SourceError[] }> {
  const facts: Resource[] = [];
  const errors: SourceError[] = [];
  for (const plan of FACT_PLANS) {
    if (!plan.parents.includes(parent.type)) continue;
    const apiVersion = plan.apiVersion || SERVER_API[parent.type]!;
    const base = parent.id + plan.path.toLowerCase();
    try {
      const body = await get(parent.id + plan.path, apiVersion) as Record<string, unknown> | undefined;
      if (body === undefined) continue;
      // Lists come in pages linked by nextLink.
      if (plan.shape !== 'single' && Array.isArray(body.value)) {
        const items = [...body.value];
        for (let next = body.nextLink; typeof next === 'string' && next; ) {
          const page = await get(next) as Record<string, unknown> | undefined;
          if (!page) break;
          if (Array.isArray(page.value)) items.push(...page.value);
          next = page.nextLink;
        }
        body.value = items;
        delete body.nextLink;
      }
      if (plan.shape === 'single') {
        facts.push(factResource(plan.type, base, parent, body));
      } else if (plan.shape === 'list') {
        facts.push(factResource(plan.type, base, parent, { value: Array.isArray(body.value) ? body.value : [] }));
      } else {
        for (const item of Array.isArray(body.value) ? body.value as Record<string, unknown>[] : []) {
          // The child's id under its parent's (lower-cased) id, whatever casing ARM answered with.
          const name = typeof item.name === 'string' ? item.name : String(item.id ?? '').split('/').pop()!;
          facts.push(factResource(plan.type, `${base}/${name}`, parent, plan.type === 'parapet.azure/keyvaultsecret' ? withoutSecretValue(item) : item));
        }
      }
    } catch (err) {
      errors.push({ scope: `${parent.id}${plan.path}`, code: (err as { code?: string }).code ?? 'error', message: errorMessage(err) });
    }
  }
  return { facts, errors };
}
