/**
 * A small, realistic Cloud Asset estate for the tests: an organization with
 * org policies and an IAM policy, a folder, two projects (one with audit
 * configs), a bucket, a firewall, a Cloud SQL instance, a service account key,
 * and `fillerBuckets` more buckets so listings span several pages.
 */
import type { TestAsset } from './server.js';

export const ORG = '123456789012';
export const FOLDER = '555000111222';
export const PROD = { id: 'prod-app', number: '111111111111' };
export const DEV = { id: 'dev-sandbox', number: '222222222222' };

const orgAncestors = [`organizations/${ORG}`];
const prodAncestors = [`projects/${PROD.number}`, ...orgAncestors];
const devAncestors = [`projects/${DEV.number}`, `folders/${FOLDER}`, ...orgAncestors];
const updated = '2026-11-20T08:15:30.250Z';

export function testEstate(fillerBuckets = 0): TestAsset[] {
  const assets: TestAsset[] = [
    {
      name: `//cloudresourcemanager.googleapis.com/organizations/${ORG}`,
      assetType: 'cloudresourcemanager.googleapis.com/Organization',
      ancestors: orgAncestors,
      updateTime: updated,
      resource: { data: { name: `organizations/${ORG}`, displayName: 'example.com', lifecycleState: 'ACTIVE', owner: { directoryCustomerId: 'C01abcde' } } },
      iamPolicy: {
        version: 1,
        bindings: [{ role: 'roles/resourcemanager.organizationAdmin', members: ['group:gcp-admins@example.com'] }],
        etag: Buffer.from('org-etag').toString('base64'),
      },
      orgPolicy: [
        { version: 1, constraint: 'constraints/iam.disableServiceAccountKeyCreation', booleanPolicy: { enforced: true }, updateTime: updated, etag: Buffer.from('op1').toString('base64') },
        { version: 1, constraint: 'constraints/compute.vmExternalIpAccess', listPolicy: { allValues: 'DENY' }, etag: Buffer.from('op2').toString('base64') },
        { constraint: 'constraints/sql.restrictPublicIp', restoreDefault: {} },
      ],
    },
    {
      name: `//cloudresourcemanager.googleapis.com/folders/${FOLDER}`,
      assetType: 'cloudresourcemanager.googleapis.com/Folder',
      ancestors: [`folders/${FOLDER}`, ...orgAncestors],
      resource: { data: { name: `folders/${FOLDER}`, parent: `organizations/${ORG}`, displayName: 'sandboxes', lifecycleState: 'ACTIVE' }, parent: `//cloudresourcemanager.googleapis.com/organizations/${ORG}` },
    },
    {
      name: `//cloudresourcemanager.googleapis.com/projects/${PROD.number}`,
      assetType: 'cloudresourcemanager.googleapis.com/Project',
      ancestors: prodAncestors,
      updateTime: updated,
      resource: {
        data: { projectNumber: PROD.number, projectId: PROD.id, lifecycleState: 'ACTIVE', name: 'Prod App', labels: { env: 'prod', team: 'payments' }, parent: { type: 'organization', id: ORG }, createTime: '2024-03-01T10:00:00Z' },
        parent: `//cloudresourcemanager.googleapis.com/organizations/${ORG}`,
      },
      iamPolicy: {
        version: 3,
        bindings: [
          { role: 'roles/owner', members: ['user:alice@example.com'] },
          { role: 'roles/iam.serviceAccountUser', members: ['user:bob@example.com'], condition: { title: 'until 2027', expression: 'request.time < timestamp("2027-01-01T00:00:00Z")' } },
          { role: 'roles/editor', members: [`serviceAccount:${PROD.number}-compute@developer.gserviceaccount.com`] },
        ],
        auditConfigs: [
          { service: 'allServices', auditLogConfigs: [{ logType: 'ADMIN_READ' }, { logType: 'DATA_READ', exemptedMembers: ['user:bob@example.com'] }, { logType: 'DATA_WRITE' }] },
        ],
        etag: 'BwYhR3wE2dA=',
      },
    },
    {
      name: `//cloudresourcemanager.googleapis.com/projects/${DEV.number}`,
      assetType: 'cloudresourcemanager.googleapis.com/Project',
      ancestors: devAncestors,
      resource: { data: { projectNumber: DEV.number, projectId: DEV.id, lifecycleState: 'ACTIVE', name: 'Dev Sandbox', parent: { type: 'folder', id: FOLDER } } },
      orgPolicy: [{ constraint: 'constraints/compute.skipDefaultNetworkCreation', booleanPolicy: {} }],
    },
    {
      name: '//storage.googleapis.com/prod-app-logs',
      assetType: 'storage.googleapis.com/Bucket',
      ancestors: prodAncestors,
      updateTime: updated,
      resource: {
        location: 'us',
        parent: `//cloudresourcemanager.googleapis.com/projects/${PROD.number}`,
        data: {
          id: 'prod-app-logs', name: 'prod-app-logs', kind: 'storage#bucket', projectNumber: PROD.number, location: 'US', storageClass: 'STANDARD',
          iamConfiguration: { uniformBucketLevelAccess: { enabled: true }, bucketPolicyOnly: { enabled: true }, publicAccessPrevention: 'enforced' },
          versioning: { enabled: true }, logging: null, retentionPolicy: { retentionPeriod: 2592000, isLocked: false },
          labels: { env: 'prod', 'data-class': 'logs' }, softDeletePolicy: { retentionDurationSeconds: '604800' },
        },
      },
      iamPolicy: {
        version: 1,
        bindings: [
          { role: 'roles/storage.legacyBucketOwner', members: [`projectOwner:${PROD.id}`] },
          { role: 'roles/storage.objectViewer', members: ['allUsers'] },
        ],
        etag: 'CAE=',
      },
    },
    {
      name: `//compute.googleapis.com/projects/${PROD.id}/global/firewalls/allow-ssh-from-anywhere`,
      assetType: 'compute.googleapis.com/Firewall',
      ancestors: prodAncestors,
      resource: {
        location: 'global',
        data: {
          id: '4417338216377461234', name: 'allow-ssh-from-anywhere', direction: 'INGRESS', priority: 1000, disabled: false,
          network: `https://www.googleapis.com/compute/v1/projects/${PROD.id}/global/networks/default`,
          sourceRanges: ['0.0.0.0/0'], allowed: [{ IPProtocol: 'tcp', ports: ['22'] }], logConfig: { enable: false },
          selfLink: `https://www.googleapis.com/compute/v1/projects/${PROD.id}/global/firewalls/allow-ssh-from-anywhere`,
        },
      },
    },
    {
      name: `//cloudsql.googleapis.com/projects/${PROD.id}/instances/orders-db`,
      assetType: 'sqladmin.googleapis.com/Instance',
      ancestors: prodAncestors,
      resource: {
        location: 'us-central1',
        data: {
          name: 'orders-db', databaseVersion: 'POSTGRES_15', region: 'us-central1', state: 'RUNNABLE', instanceType: 'CLOUD_SQL_INSTANCE',
          settings: {
            tier: 'db-custom-2-7680', availabilityType: 'REGIONAL',
            ipConfiguration: { ipv4Enabled: true, requireSsl: false, sslMode: 'ALLOW_UNENCRYPTED_AND_ENCRYPTED', authorizedNetworks: [{ name: 'office', value: '0.0.0.0/0' }] },
            backupConfiguration: { enabled: true, pointInTimeRecoveryEnabled: true, backupRetentionSettings: { retainedBackups: 7, retentionUnit: 'COUNT' } },
            databaseFlags: [{ name: 'log_connections', value: 'on' }, { name: 'log_min_duration_statement', value: '-1' }],
            userLabels: { app: 'orders' },
          },
        },
      },
    },
    {
      name: `//iam.googleapis.com/projects/${PROD.id}/serviceAccounts/deployer@${PROD.id}.iam.gserviceaccount.com/keys/3f1e2d4c5b6a79880a1b2c3d4e5f6071`,
      assetType: 'iam.googleapis.com/ServiceAccountKey',
      ancestors: prodAncestors,
      resource: {
        data: {
          name: `projects/${PROD.id}/serviceAccounts/deployer@${PROD.id}.iam.gserviceaccount.com/keys/3f1e2d4c5b6a79880a1b2c3d4e5f6071`,
          keyAlgorithm: 'KEY_ALG_RSA_2048', keyOrigin: 'GOOGLE_PROVIDED', keyType: 'USER_MANAGED',
          validAfterTime: '2025-01-10T09:00:00Z', validBeforeTime: '9999-12-31T23:59:59Z', disabled: false,
        },
      },
    },
  ];
  for (let i = 0; i < fillerBuckets; i++) {
    assets.push({
      name: `//storage.googleapis.com/${DEV.id}-scratch-${String(i).padStart(5, '0')}`,
      assetType: 'storage.googleapis.com/Bucket',
      ancestors: devAncestors,
      resource: {
        location: i % 2 ? 'europe-west1' : 'us-central1',
        data: { name: `${DEV.id}-scratch-${i}`, projectNumber: DEV.number, storageClass: 'STANDARD', iamConfiguration: { uniformBucketLevelAccess: { enabled: i % 3 !== 0 } }, labels: { idx: String(i) } },
      },
      ...(i % 4 === 0 ? { iamPolicy: { version: 1, bindings: [{ role: 'roles/storage.admin', members: [`user:dev${i}@example.com`] }] } } : {}),
    });
  }
  return assets;
}
