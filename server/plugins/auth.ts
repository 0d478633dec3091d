/**
 * Bearer-token auth. Every route declares the scope it needs in its
 * `config.scope` (or `config.public: true` for /health); a missing or unknown
 * token gets 401, a token without the scope 403. `admin` implies every scope.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../errors.js';
import { TOKEN_SCOPES, type TokenScope } from '../../store/tokens.js';

/** The scopes a route can require: exactly those a token can carry (store/tokens.ts). */
export const SCOPES = TOKEN_SCOPES;
export type Scope = TokenScope;

export interface Principal {
  tokenId: string;
  name: string;
  scopes: Scope[];
}

/** Looks a presented token up (by its hash); null when unknown or revoked. */
export type TokenVerifier = (token: string) => Promise<Principal | null>;

declare module 'fastify' {
  interface FastifyContextConfig {
    scope?: Scope;
    public?: boolean;
    /** Any valid token, whatever its scopes (GET /v1/me). */
    anyToken?: boolean;
  }
  interface FastifyRequest {
    principal?: Principal;
  }
}

export function hasScope(principal: Principal, scope: Scope): boolean {
  return principal.scopes.includes('admin') || principal.scopes.includes(scope);
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

export default fp(
  async (app: FastifyInstance, opts: { verify: TokenVerifier }) => {
    app.decorateRequest('principal', undefined);
    app.addHook('onRequest', async (request, reply) => {
      const config = request.routeOptions.config;
      if (config.public || request.is404) return;
      const token = bearer(request);
      const principal = token ? await opts.verify(token) : null;
      if (!principal) {
        void reply.header('WWW-Authenticate', 'Bearer realm="parapet"');
        throw new ApiError(401, 'unauthorized', token ? 'the API token is unknown or revoked' : 'an API token is required (Authorization: Bearer <token>)');
      }
      request.principal = principal;
      const scope = config.scope ?? 'admin';
      if (!config.anyToken && !hasScope(principal, scope)) {
        throw new ApiError(403, 'forbidden', `the token "${principal.name}" lacks the "${scope}" scope this route needs`);
      }
    });
  },
  { name: 'parapet-auth' },
);
