/**
 * The bundle registry's storage: bundles by name, immutable versions (the
 * archive bytes or a path, its digest, manifest and whether it was signed),
 * which version is active, and the history of activations (for roll back).
 */
import { ParapetError } from '../common/errors.js';
import { fromJson, isUniqueViolation, nowIso, num, toJson, type DB } from './db.js';
import type { BundleManifest } from '../engine/bundle/types.js';
import type { BundleVersionsTable } from './schema.js';

export interface PublishBundle {
  name: string;
  version: string;
  /** `sha256:<hex>` of the archive bytes. */
  digest: string;
  /** The archive bytes, or `path` where it lives. */
  content?: Uint8Array;
  path?: string;
  size?: number;
  signed: boolean;
  manifest: BundleManifest;
  publishedBy?: string;
}

export interface BundleVersion {
  name: string;
  version: string;
  digest: string;
  size: number;
  path: string | null;
  signed: boolean;
  manifest: BundleManifest;
  published_at: string;
  published_by: string | null;
  active: boolean;
}

export interface BundleSummary {
  name: string;
  created_at: string;
  active_version: string | null;
  versions: number;
}

export interface Activation {
  name: string;
  version: string;
  previous_version: string | null;
  activated_at: string;
  activated_by: string | null;
}

const NAME_RE = /^[a-z0-9][a-z0-9._-]{0,99}$/;
const SEMVER_RE = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

export class BundleRepository {
  constructor(private readonly db: DB) {}

  /** Publishes a version. Publishing the same bytes again is a no-op; other bytes under a published version are refused. */
  async publish(input: PublishBundle): Promise<BundleVersion> {
    if (!NAME_RE.test(input.name)) throw new ParapetError('bundle_invalid', `invalid bundle name ${JSON.stringify(input.name)}`);
    if (!SEMVER_RE.test(input.version)) throw new ParapetError('bundle_invalid', `bundle ${input.name}: version ${JSON.stringify(input.version)} is not a semantic version`);
    if (!/^sha256:[0-9a-f]{64}$/.test(input.digest)) throw new ParapetError('bundle_invalid', `bundle ${input.name}: invalid digest ${input.digest}`);
    if ((input.content === undefined) === (input.path === undefined)) {
      throw new ParapetError('bundle_invalid', `bundle ${input.name}: give either the archive bytes or its path`);
    }
    const existing = await this.db.selectFrom('bundle_versions').select('digest').where('name', '=', input.name).where('version', '=', input.version).executeTakeFirst();
    if (existing) return this.sameOrRefuse(input, existing.digest);
    const now = nowIso();
    const row: BundleVersionsTable = {
      name: input.name,
      version: input.version,
      digest: input.digest,
      size: input.size ?? input.content?.byteLength ?? 0,
      content: input.content ? Buffer.from(input.content.buffer, input.content.byteOffset, input.content.byteLength) : null,
      path: input.path ?? null,
      signed: input.signed ? 1 : 0,
      manifest: toJson(input.manifest),
      published_at: now,
      published_by: input.publishedBy ?? null,
    };
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx.insertInto('bundles').values({ name: input.name, created_at: now, active_version: null }).onConflict((oc) => oc.column('name').doNothing()).execute();
        await trx.insertInto('bundle_versions').values(row).execute();
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const raced = await this.db.selectFrom('bundle_versions').select('digest').where('name', '=', input.name).where('version', '=', input.version).executeTakeFirstOrThrow();
      return this.sameOrRefuse(input, raced.digest);
    }
    return this.get(input.name, input.version);
  }

  private async sameOrRefuse(input: PublishBundle, digest: string): Promise<BundleVersion> {
    if (digest !== input.digest) {
      throw new ParapetError('bundle_version_exists', `bundle ${input.name} ${input.version} is already published with digest ${digest}; versions are immutable`);
    }
    return this.get(input.name, input.version);
  }

  async get(name: string, version: string): Promise<BundleVersion> {
    const row = await this.db
      .selectFrom('bundle_versions as v')
      .innerJoin('bundles as b', 'b.name', 'v.name')
      .select(['v.name', 'v.version', 'v.digest', 'v.size', 'v.path', 'v.signed', 'v.manifest', 'v.published_at', 'v.published_by', 'b.active_version'])
      .where('v.name', '=', name)
      .where('v.version', '=', version)
      .executeTakeFirst();
    if (!row) throw new ParapetError('bundle_not_found', `no bundle ${name} ${version}`);
    return this.toVersion(row);
  }

  private toVersion(row: Omit<BundleVersionsTable, 'content'> & { active_version: string | null }): BundleVersion {
    return {
      name: row.name,
      version: row.version,
      digest: row.digest,
      size: num(row.size),
      path: row.path,
      signed: num(row.signed) === 1,
      manifest: fromJson<BundleManifest>(row.manifest, { revision: '', roots: [] }),
      published_at: row.published_at,
      published_by: row.published_by,
      active: row.active_version === row.version,
    };
  }

  /** The archive: its bytes, or the path it was published with. */
  async content(name: string, version: string): Promise<{ bytes?: Uint8Array; path?: string; digest: string }> {
    const row = await this.db.selectFrom('bundle_versions').select(['content', 'path', 'digest']).where('name', '=', name).where('version', '=', version).executeTakeFirst();
    if (!row) throw new ParapetError('bundle_not_found', `no bundle ${name} ${version}`);
    return row.content ? { bytes: new Uint8Array(row.content), digest: row.digest } : { path: row.path ?? '', digest: row.digest };
  }

  async list(): Promise<BundleSummary[]> {
    const rows = await this.db
      .selectFrom('bundles as b')
      .leftJoin('bundle_versions as v', 'v.name', 'b.name')
      .select(['b.name', 'b.created_at', 'b.active_version', (eb) => eb.fn.count('v.version').as('versions')])
      .groupBy(['b.name', 'b.created_at', 'b.active_version'])
      .orderBy('b.name')
      .execute();
    return rows.map((r) => ({ name: r.name, created_at: r.created_at, active_version: r.active_version, versions: num(r.versions) }));
  }

  /** Versions of a bundle, newest published first. */
  async versions(name: string): Promise<BundleVersion[]> {
    const rows = await this.db
      .selectFrom('bundle_versions as v')
      .innerJoin('bundles as b', 'b.name', 'v.name')
      .select(['v.name', 'v.version', 'v.digest', 'v.size', 'v.path', 'v.signed', 'v.manifest', 'v.published_at', 'v.published_by', 'b.active_version'])
      .where('v.name', '=', name)
      .orderBy('v.published_at', 'desc')
      .orderBy('v.version', 'desc')
      .execute();
    return rows.map((r) => this.toVersion(r));
  }

  /** The active version of every bundle that has one. */
  async active(): Promise<BundleVersion[]> {
    const rows = await this.db
      .selectFrom('bundle_versions as v')
      .innerJoin('bundles as b', (join) => join.onRef('b.name', '=', 'v.name').onRef('b.active_version', '=', 'v.version'))
      .select(['v.name', 'v.version', 'v.digest', 'v.size', 'v.path', 'v.signed', 'v.manifest', 'v.published_at', 'v.published_by', 'b.active_version'])
      .orderBy('v.name')
      .execute();
    return rows.map((r) => this.toVersion(r));
  }

  /** Makes a version the active one, atomically, and records the activation. */
  async activate(name: string, version: string, by?: string): Promise<Activation> {
    return this.db.transaction().execute(async (trx) => {
      const now = nowIso();
      const bundle = await trx.selectFrom('bundles').select('active_version').where('name', '=', name).executeTakeFirst();
      if (!bundle) throw new ParapetError('bundle_not_found', `no bundle ${name}`);
      const exists = await trx.selectFrom('bundle_versions').select('version').where('name', '=', name).where('version', '=', version).executeTakeFirst();
      if (!exists) throw new ParapetError('bundle_not_found', `no bundle ${name} ${version}`);
      await trx.updateTable('bundles').set({ active_version: version }).where('name', '=', name).execute();
      const activation: Activation = { name, version, previous_version: bundle.active_version, activated_at: now, activated_by: by ?? null };
      await trx.insertInto('bundle_activations').values(activation).execute();
      return activation;
    });
  }

  /** Activates the version that was active before the current one. */
  async rollback(name: string, by?: string): Promise<Activation> {
    const last = await this.db.selectFrom('bundle_activations').selectAll().where('name', '=', name).orderBy('id', 'desc').limit(1).executeTakeFirst();
    if (!last || !last.previous_version) throw new ParapetError('bundle_no_previous', `bundle ${name} has no previous version to roll back to`);
    return this.activate(name, last.previous_version, by);
  }

  async activations(name: string): Promise<Activation[]> {
    const rows = await this.db.selectFrom('bundle_activations').selectAll().where('name', '=', name).orderBy('id').execute();
    return rows.map(({ name: n, version, previous_version, activated_at, activated_by }) => ({ name: n, version, previous_version, activated_at, activated_by }));
  }

  /** Deletes an inactive version. */
  async deleteVersion(name: string, version: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const bundle = await trx.selectFrom('bundles').select('active_version').where('name', '=', name).executeTakeFirst();
      if (bundle?.active_version === version) throw new ParapetError('bundle_active', `bundle ${name} ${version} is active; activate another version first`);
      const res = await trx.deleteFrom('bundle_versions').where('name', '=', name).where('version', '=', version).executeTakeFirst();
      if (num(res.numDeletedRows) === 0) throw new ParapetError('bundle_not_found', `no bundle ${name} ${version}`);
    });
  }
}
