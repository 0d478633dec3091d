/**
 * The dashboard: the built single-page app (dist/web, `npm run build:web`)
 * served as static files at /. The page itself is public; everything it shows
 * comes from the API with the token the user signs in with.
 */
import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { fromRoot } from '../../common/paths.js';

export function webRoot(): string {
  return process.env.PARAPET_WEB_ROOT ?? fromRoot('dist', 'web');
}

const SECURITY_HEADERS = {
  // Everything the page loads comes from this server: no CDN, no inline script.
  'content-security-policy': "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export function webRoutes() {
  return async function routes(app: FastifyInstance): Promise<void> {
    const root = webRoot();
    const built = existsSync(`${root}/index.html`);
    await app.register(fastifyStatic, { root, serve: false, decorateReply: true });

    app.get('/', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => {
      if (!built) {
        return reply
          .status(503)
          .type('text/plain; charset=utf-8')
          .send(`The dashboard is not built: run \`npm run build:web\` (it writes ${root}).\n`);
      }
      return reply.headers({ ...SECURITY_HEADERS, 'cache-control': 'no-cache' }).sendFile('index.html');
    });

    app.get<{ Params: { '*': string } }>('/assets/*', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
      // Vite names assets by content hash: cache them for good.
      return reply.headers(SECURITY_HEADERS).sendFile(`assets/${request.params['*']}`, { maxAge: 365 * 24 * 3600 * 1000, immutable: true });
    });
  };
}
