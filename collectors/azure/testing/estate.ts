/**
 * Resource Graph rows of a small, realistic Azure estate (shapes as
 * `az graph query` prints them), and `filler` more network security groups
 * so a listing spans several 1000-row pages.
 */
import type { Row } from './server.js';

export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const SUB_A = '0b1f6471-1bf0-4dda-aec3-cb9272f09590';
export const SUB_B = 'b2c3d4e5-0000-4000-8000-00000000000b';

const rg = (sub: string, name: string) => `/subscriptions/${sub}/resourceGroups/${name}`;

function row(sub: string, id: string, type: string, name: string, location: string, properties: Record<string, unknown>, extra: Record<string, unknown> = {}): Row {
  return {
    id, name, type, tenantId: TENANT, kind: '', location, resourceGroup: id.split('/')[4] ?? '', subscriptionId: sub,
    managedBy: '', sku: null, plan: null, properties, tags: null, identity: null, zones: null, extendedLocation: null, ...extra,
  };
}

export function testTables(filler = 0): Record<string, Row[]> {
  const resources: Row[] = [
    row(SUB_A, `${rg(SUB_A, 'RG-Prod')}/providers/Microsoft.Storage/storageAccounts/prodlogs001`, 'microsoft.storage/storageaccounts', 'prodlogs001', 'eastus', {
      supportsHttpsTrafficOnly: true, minimumTlsVersion: 'TLS1_0', allowBlobPublicAccess: true, allowSharedKeyAccess: true, publicNetworkAccess: 'Enabled',
      networkAcls: { bypass: 'AzureServices', defaultAction: 'Allow', ipRules: [], virtualNetworkRules: [] },
      encryption: { keySource: 'Microsoft.Storage', requireInfrastructureEncryption: false, services: { blob: { enabled: true, keyType: 'Account' } } },
      keyCreationTime: { key1: '2024-01-02T03:04:05.0000000Z', key2: '2024-01-02T03:04:05.0000000Z' }, provisioningState: 'Succeeded',
    }, { kind: 'StorageV2', sku: { name: 'Standard_LRS', tier: 'Standard' }, tags: { env: 'prod', costCenter: 42 } }),
    row(SUB_A, `${rg(SUB_A, 'rg-prod')}/providers/Microsoft.KeyVault/vaults/kv-prod`, 'microsoft.keyvault/vaults', 'kv-prod', 'eastus', {
      tenantId: TENANT, enableSoftDelete: true, enablePurgeProtection: null, enableRbacAuthorization: false, sku: { family: 'A', name: 'standard' }, accessPolicies: [],
    }),
    row(SUB_A, `${rg(SUB_A, 'rg-prod')}/providers/Microsoft.Network/networkSecurityGroups/nsg-web`, 'microsoft.network/networksecuritygroups', 'nsg-web', 'eastus', {
      securityRules: [{ name: 'allow-rdp', properties: { access: 'Allow', direction: 'Inbound', protocol: 'Tcp', priority: 100, sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '3389' } }],
    }),
    row(SUB_A, `${rg(SUB_A, 'rg-prod')}/providers/Microsoft.Sql/servers/sql-orders`, 'microsoft.sql/servers', 'sql-orders', 'westeurope', {
      administratorLogin: 'sqladmin', version: '12.0', publicNetworkAccess: 'Enabled', minimalTlsVersion: '1.2',
    }),
    row(SUB_A, `${rg(SUB_A, 'rg-monitor')}/providers/microsoft.insights/activityLogAlerts/alert-create-policy-assignment`, 'microsoft.insights/activitylogalerts', 'alert-create-policy-assignment', 'Global', {
      enabled: true, scopes: [`/subscriptions/${SUB_A}`],
      condition: { allOf: [{ field: 'category', equals: 'Administrative' }, { field: 'operationName', equals: 'Microsoft.Authorization/policyAssignments/write' }] },
      actions: { actionGroups: [{ actionGroupId: `${rg(SUB_A, 'rg-monitor')}/providers/microsoft.insights/actionGroups/secops` }] },
    }),
    row(SUB_B, `${rg(SUB_B, 'rg-dev')}/providers/Microsoft.Network/networkWatchers/NetworkWatcher_westus`, 'microsoft.network/networkwatchers', 'NetworkWatcher_westus', 'westus', { provisioningState: 'Succeeded' }),
  ];
  for (let i = 0; i < filler; i++) {
    const name = `nsg-${String(i).padStart(5, '0')}`;
    resources.push(row(SUB_B, `${rg(SUB_B, 'rg-dev')}/providers/Microsoft.Network/networkSecurityGroups/${name}`, 'microsoft.network/networksecuritygroups', name, i % 2 ? 'westus' : 'eastus2', { securityRules: [] }, { tags: { idx: String(i) } }));
  }
  const containers: Row[] = [
    { id: `/subscriptions/${SUB_A}`, name: 'Production', type: 'microsoft.resources/subscriptions', tenantId: TENANT, kind: '', location: '', resourceGroup: '', subscriptionId: SUB_A,
      properties: { state: 'Enabled', subscriptionPolicies: { quotaId: 'EnterpriseAgreement_2014-09-01', spendingLimit: 'Off' }, managementGroupAncestorsChain: [{ name: 'platform', displayName: 'Platform' }] }, tags: {} },
    { id: rg(SUB_A, 'rg-prod'), name: 'rg-prod', type: 'microsoft.resources/subscriptions/resourcegroups', tenantId: TENANT, location: 'eastus', resourceGroup: 'rg-prod', subscriptionId: SUB_A, properties: { provisioningState: 'Succeeded' }, tags: { owner: 'payments' } },
    { id: `/subscriptions/${SUB_B}`, name: 'Dev', type: 'microsoft.resources/subscriptions', tenantId: TENANT, location: '', resourceGroup: '', subscriptionId: SUB_B, properties: { state: 'Enabled' }, tags: {} },
  ];
  const security: Row[] = [
    { id: `/subscriptions/${SUB_A}/providers/Microsoft.Security/pricings/VirtualMachines`, name: 'VirtualMachines', type: 'microsoft.security/pricings', tenantId: TENANT, location: '', subscriptionId: SUB_A,
      properties: { pricingTier: 'Standard', subPlan: 'P2', freeTrialRemainingTime: 'PT0S' } },
    { id: `/subscriptions/${SUB_A}/providers/Microsoft.Security/pricings/SqlServers`, name: 'SqlServers', type: 'microsoft.security/pricings', tenantId: TENANT, location: '', subscriptionId: SUB_A,
      properties: { pricingTier: 'Free', freeTrialRemainingTime: 'PT0S' } },
    { id: `/subscriptions/${SUB_A}/providers/Microsoft.Security/autoProvisioningSettings/default`, name: 'default', type: 'microsoft.security/autoprovisioningsettings', tenantId: TENANT, location: '', subscriptionId: SUB_A,
      properties: { autoProvision: 'On' } },
    { id: `/subscriptions/${SUB_A}/providers/Microsoft.Security/securityContacts/default`, name: 'default', type: 'microsoft.security/securitycontacts', tenantId: TENANT, location: '', subscriptionId: SUB_A,
      properties: { emails: 'secops@example.com', phone: '', notificationsByRole: { state: 'On', roles: ['Owner'] }, alertNotifications: { state: 'On', minimalSeverity: 'High' } } },
    { id: `/subscriptions/${SUB_A}/providers/Microsoft.Security/settings/WDATP`, name: 'WDATP', type: 'microsoft.security/settings', tenantId: TENANT, location: '', subscriptionId: SUB_A, kind: 'DataExportSettings',
      properties: { enabled: true } },
  ];
  const authorization: Row[] = [
    { id: `/subscriptions/${SUB_A}/providers/Microsoft.Authorization/roleDefinitions/6f3a6e8c-1111-4e6b-9c1e-0123456789ab`, name: '6f3a6e8c-1111-4e6b-9c1e-0123456789ab', type: 'microsoft.authorization/roledefinitions', tenantId: TENANT, location: '', subscriptionId: SUB_A,
      properties: { roleName: 'Subscription Janitor', type: 'CustomRole', assignableScopes: [`/subscriptions/${SUB_A}`], permissions: [{ actions: ['*'], notActions: [], dataActions: [], notDataActions: [] }] } },
    { id: `/subscriptions/${SUB_A}/providers/Microsoft.Authorization/roleAssignments/0c2d4f6a-2222-4b8d-8e0f-123456789abc`, name: '0c2d4f6a-2222-4b8d-8e0f-123456789abc', type: 'microsoft.authorization/roleassignments', tenantId: TENANT, location: '', subscriptionId: SUB_A,
      properties: { roleDefinitionId: '/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635', principalId: '11111111-2222-3333-4444-555555555555', principalType: 'User', scope: `/subscriptions/${SUB_A}` } },
  ];
  const policy: Row[] = [
    { id: `/subscriptions/${SUB_A}/providers/Microsoft.Authorization/policyAssignments/SecurityCenterBuiltIn`, name: 'SecurityCenterBuiltIn', type: 'microsoft.authorization/policyassignments', tenantId: TENANT, location: 'global', subscriptionId: SUB_A,
      properties: { displayName: 'ASC Default', enforcementMode: 'Default', policyDefinitionId: '/providers/Microsoft.Authorization/policySetDefinitions/1f3afdf9-d0c9-4c3d-847f-89da613e70a8', parameters: {} } },
  ];
  const appservice: Row[] = [
    row(SUB_A, `${rg(SUB_A, 'rg-prod')}/providers/Microsoft.Web/sites/shop/config/web`, 'microsoft.web/sites/config/web', 'web', 'eastus', {
      minTlsVersion: '1.0', http20Enabled: false, ftpsState: 'AllAllowed', remoteDebuggingEnabled: false,
    }),
  ];
  return { resources, resourcecontainers: containers, securityresources: security, authorizationresources: authorization, policyresources: policy, appserviceresources: appservice };
}

const SA = `/subscriptions/${SUB_A}/resourcegroups/rg-prod/providers/microsoft.storage/storageaccounts/prodlogs001`;
const KV = `/subscriptions/${SUB_A}/resourcegroups/rg-prod/providers/microsoft.keyvault/vaults/kv-prod`;
const SQL = `/subscriptions/${SUB_A}/resourcegroups/rg-prod/providers/microsoft.sql/servers/sql-orders`;
export const ARM_IDS = { SA, KV, SQL };
const LAW = `/subscriptions/${SUB_A}/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/law-central`;
const diag = (target: string, name: string, logs: Array<Record<string, unknown>>) => ({
  id: `${target.replace('/providers/microsoft.storage/', '/providers/Microsoft.Storage/')}/providers/microsoft.insights/diagnosticSettings/${name}`,
  name, type: 'Microsoft.Insights/diagnosticSettings',
  properties: { workspaceId: LAW, logs, metrics: [{ category: 'Transaction', enabled: true }] },
});

/** ARM GET bodies for the facts of the estate above (what ARM answers, mixed-case ids included). */
export function testArm(): Record<string, unknown> {
  return {
    '/providers/microsoft.subscription/policies/default': {
      id: '/providers/Microsoft.Subscription/policies/default', name: 'default', type: 'Microsoft.Subscription/policies',
      properties: { blockSubscriptionsLeavingTenant: false, blockSubscriptionsIntoTenant: true, exemptedPrincipals: [] },
    },
    [`/subscriptions/${SUB_A}/providers/microsoft.insights/diagnosticsettings`]: { value: [diag(`/subscriptions/${SUB_A}`, 'activity-to-law', [{ category: 'Administrative', enabled: true }, { category: 'Security', enabled: true }])] },
    [`${SA}/providers/microsoft.insights/diagnosticsettings`]: { value: [] },
    [`${SA}/blobservices/default/providers/microsoft.insights/diagnosticsettings`]: { value: [diag(`${SA}/blobServices/default`, 'blob-logs', [{ category: 'StorageRead', enabled: true }, { category: 'StorageWrite', enabled: true }, { category: 'StorageDelete', enabled: false }])] },
    [`${SA}/queueservices/default/providers/microsoft.insights/diagnosticsettings`]: { value: [] },
    [`${SA}/blobservices/default`]: {
      id: `${SA}/blobServices/default`, name: 'default', type: 'Microsoft.Storage/storageAccounts/blobServices',
      properties: { deleteRetentionPolicy: { enabled: true, days: 7 }, containerDeleteRetentionPolicy: { enabled: false }, isVersioningEnabled: false },
    },
    [`${KV}/keys`]: {
      value: [{ id: `${KV}/keys/cmk-1`, name: 'cmk-1', type: 'Microsoft.KeyVault/vaults/keys', properties: { attributes: { enabled: true, exp: 1767225600 }, kty: 'RSA' } }],
      nextLink: `{base}${KV}/keys?api-version=2023-07-01&$skiptoken=2`,
    },
    [`${KV}/keys?$skiptoken=2`]: {
      value: [{ id: `${KV}/keys/cmk-2`, name: 'cmk-2', type: 'Microsoft.KeyVault/vaults/keys', properties: { attributes: { enabled: true }, kty: 'RSA', rotationPolicy: { lifetimeActions: [{ action: { type: 'Rotate' } }] } } }],
    },
    [`${KV}/secrets`]: { value: [{ id: `${KV}/secrets/db-password`, name: 'db-password', properties: { attributes: { enabled: true }, value: 'must-never-be-stored' } }] },
    [`${SQL}/auditingsettings/default`]: { id: `${SQL}/auditingSettings/Default`, name: 'Default', properties: { state: 'Disabled', retentionDays: 0, isAzureMonitorTargetEnabled: false } },
    [`${SQL}/encryptionprotector/current`]: { id: `${SQL}/encryptionProtector/current`, name: 'current', kind: 'servicemanaged', properties: { serverKeyType: 'ServiceManaged', serverKeyName: 'ServiceManaged' } },
    [`${SQL}/firewallrules`]: { value: [
      { id: `${SQL}/firewallRules/AllowAllWindowsAzureIps`, name: 'AllowAllWindowsAzureIps', properties: { startIpAddress: '0.0.0.0', endIpAddress: '0.0.0.0' } },
      { id: `${SQL}/firewallRules/office`, name: 'office', properties: { startIpAddress: '203.0.113.0', endIpAddress: '203.0.113.255' } },
    ] },
  };
}
