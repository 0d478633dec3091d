/**
 * The bundle registry API (publish, list, inspect, activate, roll back, delete
 * inactive versions) and the bundle-service endpoint an OPA agent polls:
 * `GET /bundles/{name}` serves the active version with `ETag` = its digest, 304 on
 * `If-None-Match`, and long polling with `Prefer: wait=N` (the response carries
 * `Content-Type: application/vnd.openpolicyagent.bundles`, which tells OPA the
 * server long-polls).
 */
import type { FastifyInstance } from 'fastify';
import { DEFAULT_LIMITS as BUNDLE_LIMITS } from '../../engine/bundle/archive.js';
import { queryFlag, type ServerContext } from '../context.js';
import { ApiError, errorSchema } from '../errors.js';

export const OPA_BUNDLE_CONTENT_TYPE = 'application/vnd.openpolicyagent.bundles';
/** The longest long poll the server holds. */
const MAX_WAIT_S = 300;

const errors = { '4xx': errorSchema, '5xx': errorSchema } as const;
const name = { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{0,99}$' } as const;
const version = { type: 'string', minLength: 1, maxLength: 128 } as const;

const versionSchema = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    version: { type: 'string' },
    digest: { type: 'string' },
    size: { type: 'integer' },
    signed: { type: 'boolean' },
    revision: { type: 'string' },
    published_at: { type: 'string' },
    published_by: { type: ['string', 'null'] },
    active: { type: 'boolean' },
    rules: { type: 'integer' },
    frameworks: { type: 'array', items: { type: 'string' } },
    entrypoints: { type: 'array', items: { type: 'string' } },
  },
} as const;

const activationSchema = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    version: { type: 'string' },
    previous_version: { type: ['string', 'null'] },
    activated_at: { type: 'string' },
    activated_by: { type: ['string', 'null'] },
  },
} as const;

const failureSchema = {
  type: 'object',
  properties: { name: { type: 'string' }, version: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' }, at: { type: 'string' } },
} as const;

type StoredVersion = Awaited<ReturnType<ServerContext['store']['bundles']['get']>>;

function describe(v: StoredVersion) {
  const parapet = v.manifest.metadata?.parapet;
  return {
    name: v.name,
    version: v.version,
    digest: v.digest,
    size: v.size,
    signed: v.signed,
    revision: v.manifest.revision,
    published_at: v.published_at,
    published_by: v.published_by,
    active: v.active,
    rules: parapet?.rules.length ?? 0,
    frameworks: Object.keys(parapet?.frameworks ?? {}),
    entrypoints: (v.manifest.wasm ?? []).map((w) => w.entrypoint),
  };
}

/** `Prefer: wait=N` → N seconds (bounded), or undefined. */
export function preferWait(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header.join(',') : header;
  const match = value ? /(?:^|[,;\s])wait=(\d+)/i.exec(value) : null;
  return match ? Math.min(Number(match[1]), MAX_WAIT_S) : undefined;
}

export function bundleRoutes(ctx: ServerContext) {
  const { registry, store } = ctx;
  return async function routes(app: FastifyInstance): Promise<void> {
    app.addContentTypeParser(
      ['application/gzip', 'application/x-gzip', 'application/octet-stream', OPA_BUNDLE_CONTENT_TYPE],
      { parseAs: 'buffer', bodyLimit: BUNDLE_LIMITS.maxArchiveBytes },
      (_request, body, done) => done(null, body),
    );

    app.post<{ Querystring: { activate?: string } }>(
      '/v1/bundles',
      {
        config: { scope: 'bundles:write' },
        bodyLimit: BUNDLE_LIMITS.maxArchiveBytes,
        schema: {
          tags: ['bundles'],
          summary: 'Publish a bundle version (the .tar.gz as the body, application/gzip); ?activate=true activates it',
          querystring: { type: 'object', properties: { activate: { type: 'string' } } },
          response: {
            200: { type: 'object', properties: { bundle: versionSchema, created: { type: 'boolean' }, activation: activationSchema } },
            201: { type: 'object', properties: { bundle: versionSchema, created: { type: 'boolean' }, activation: activationSchema } },
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const body = request.body;
        if (!Buffer.isBuffer(body) || body.length === 0) {
          throw new ApiError(400, 'invalid_parameter', 'send the bundle archive (.tar.gz) as the request body with Content-Type: application/gzip');
        }
        const by = request.principal?.name;
        const { version: stored, created } = await registry.publish(body, by);
        let activation;
        if (queryFlag(request.query.activate)) activation = await registry.activate(stored.name, stored.version, by);
        const fresh = activation ? await store.bundles.get(stored.name, stored.version) : stored;
        request.log.info({ bundle: stored.name, version: stored.version, digest: stored.digest, created }, 'bundle published');
        return reply.status(created ? 201 : 200).send({ bundle: describe(fresh), created, ...(activation ? { activation } : {}) });
      },
    );

    app.get(
      '/v1/bundles',
      {
        config: { scope: 'bundles:read' },
        schema: {
          tags: ['bundles'],
          summary: 'List bundles with their active version and load state',
          response: {
            200: {
              type: 'object',
              properties: {
                bundles: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      name: { type: 'string' },
                      created_at: { type: 'string' },
                      active_version: { type: ['string', 'null'] },
                      versions: { type: 'integer' },
                      serving: { type: ['string', 'null'] },
                      failure: failureSchema,
                    },
                  },
                },
              },
            },
            ...errors,
          },
        },
      },
      async () => {
        const list = await store.bundles.list();
        return {
          bundles: list.map((b) => ({
            ...b,
            serving: registry.get(b.name)?.version ?? null,
            ...(registry.failure(b.name) ? { failure: registry.failure(b.name) } : {}),
          })),
        };
      },
    );

    app.get<{ Params: { name: string } }>(
      '/v1/bundles/:name',
      {
        config: { scope: 'bundles:read' },
        schema: {
          tags: ['bundles'],
          summary: 'A bundle: its versions, activation history and load state',
          params: { type: 'object', required: ['name'], properties: { name } },
          response: {
            200: {
              type: 'object',
              properties: {
                name: { type: 'string' },
                active_version: { type: ['string', 'null'] },
                serving: { type: ['string', 'null'] },
                versions: { type: 'array', items: versionSchema },
                activations: { type: 'array', items: activationSchema },
                failure: failureSchema,
              },
            },
            ...errors,
          },
        },
      },
      async (request) => {
        const { name: bundleName } = request.params;
        const versions = await store.bundles.versions(bundleName);
        if (versions.length === 0) throw new ApiError(404, 'bundle_not_found', `no bundle ${bundleName}`);
        const failure = registry.failure(bundleName);
        return {
          name: bundleName,
          active_version: versions.find((v) => v.active)?.version ?? null,
          serving: registry.get(bundleName)?.version ?? null,
          versions: versions.map(describe),
          activations: await store.bundles.activations(bundleName),
          ...(failure ? { failure } : {}),
        };
      },
    );

    const versionParams = { type: 'object', required: ['name', 'version'], properties: { name, version } } as const;

    app.get<{ Params: { name: string; version: string } }>(
      '/v1/bundles/:name/versions/:version',
      {
        config: { scope: 'bundles:read' },
        schema: {
          tags: ['bundles'],
          summary: 'Inspect a version: digest, signature, rules, frameworks, entrypoints and its manifest',
          params: versionParams,
          response: { 200: { type: 'object', properties: { ...versionSchema.properties, manifest: { type: 'object', additionalProperties: true } } }, ...errors },
        },
      },
      async (request) => {
        const v = await store.bundles.get(request.params.name, request.params.version);
        return { ...describe(v), manifest: v.manifest };
      },
    );

    app.get<{ Params: { name: string; version: string } }>(
      '/v1/bundles/:name/versions/:version/archive',
      {
        config: { scope: 'bundles:read' },
        schema: { tags: ['bundles'], summary: 'Download a version’s archive', params: versionParams, response: { 200: { type: 'string', format: 'binary' }, ...errors } },
      },
      async (request, reply) => {
        const content = await store.bundles.content(request.params.name, request.params.version);
        const bytes = content.bytes ?? (await import('node:fs/promises')).readFile(content.path!);
        return reply.type('application/gzip').header('etag', `"${content.digest}"`).send(Buffer.from(await bytes));
      },
    );

    app.post<{ Params: { name: string }; Body: { version: string } }>(
      '/v1/bundles/:name/activate',
      {
        config: { scope: 'bundles:write' },
        schema: {
          tags: ['bundles'],
          summary: 'Activate a version (atomic; on a load failure the active version keeps serving and the error says why)',
          params: { type: 'object', required: ['name'], properties: { name } },
          body: { type: 'object', required: ['version'], additionalProperties: false, properties: { version } },
          response: { 200: activationSchema, ...errors },
        },
      },
      async (request) => {
        const activation = await registry.activate(request.params.name, request.body.version, request.principal?.name);
        request.log.info({ bundle: activation.name, version: activation.version, previous: activation.previous_version }, 'bundle activated');
        return activation;
      },
    );

    app.post<{ Params: { name: string } }>(
      '/v1/bundles/:name/rollback',
      {
        config: { scope: 'bundles:write' },
        schema: {
          tags: ['bundles'],
          summary: 'Activate the version that was active before the current one',
          params: { type: 'object', required: ['name'], properties: { name } },
          response: { 200: activationSchema, ...errors },
        },
      },
      async (request) => {
        const activation = await registry.rollback(request.params.name, request.principal?.name);
        request.log.info({ bundle: activation.name, version: activation.version, previous: activation.previous_version }, 'bundle rolled back');
        return activation;
      },
    );

    app.delete<{ Params: { name: string; version: string } }>(
      '/v1/bundles/:name/versions/:version',
      {
        config: { scope: 'bundles:write' },
        schema: { tags: ['bundles'], summary: 'Delete an inactive version', params: versionParams, response: { 204: { type: 'null' }, ...errors } },
      },
      async (request, reply) => {
        await store.bundles.deleteVersion(request.params.name, request.params.version);
        return reply.status(204).send();
      },
    );

    // OPA's bundle service: `services.<s>.url` = this server, resource `bundles/<name>` (OPA's default).
    app.get<{ Params: { name: string } }>(
      '/bundles/:name',
      {
        config: { scope: 'bundles:read' },
        schema: {
          tags: ['bundle service'],
          summary: 'OPA bundle service: the active version (ETag = digest, If-None-Match → 304, Prefer: wait=N long polling)',
          params: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
          headers: { type: 'object', properties: { 'if-none-match': { type: 'string' }, prefer: { type: 'string' } } },
          response: { 200: { type: 'string', format: 'binary' }, 304: { type: 'null' }, ...errors },
        },
      },
      async (request, reply) => {
        const bundleName = request.params.name.replace(/\.tar\.gz$/, '');
        const wait = preferWait(request.headers.prefer);
        const presented = request.headers['if-none-match']?.replace(/^W\//, '').replace(/^"|"$/g, '');
        let active = registry.get(bundleName);
        if (!active && wait === undefined) throw new ApiError(404, 'bundle_not_found', `bundle ${bundleName} has no active version`);
        if (wait !== undefined && (!active || active.digest === presented)) {
          // Hold until the next activation of this bundle, or the timeout (then 304).
          await registry.waitForChange(bundleName, active?.digest, wait * 1000);
          active = registry.get(bundleName);
        }
        if (wait !== undefined) void reply.type(OPA_BUNDLE_CONTENT_TYPE);
        if (!active) throw new ApiError(404, 'bundle_not_found', `bundle ${bundleName} has no active version`);
        void reply.header('etag', `"${active.digest}"`).header('cache-control', 'no-cache');
        if (active.digest === presented) return reply.status(304).send();
        const content = await store.bundles.content(active.name, active.version);
        const bytes = content.bytes ? Buffer.from(content.bytes) : await (await import('node:fs/promises')).readFile(content.path!);
        if (wait === undefined) void reply.type('application/gzip');
        return reply.send(bytes);
      },
    );
  };
}
