/**
 * The decision service as `parapet serve` assembles it (createServer: store,
 * registry, worker pool, decision logs, every route), started for a benchmark:
 *   node dist/bench/parapet-server.js <port> <db file>
 * Prints `{"port", "token"}` (an admin token made for the run) on one line once it
 * listens; SIGTERM closes it (drains, flushes decision logs).
 */
import { createServer } from '../server/index.js';

const port = Number(process.argv[2]);
const db = process.argv[3];
if (!Number.isInteger(port) || !db) {
  process.stderr.write('usage: parapet-server.js <port> <db file>\n');
  process.exit(2);
}
const server = await createServer({ db, dev: true, logger: { level: 'error' } });
const created = await server.context.store.tokens.create({ name: 'bench', scopes: ['admin'], createdBy: 'bench' });
await server.app.listen({ host: '127.0.0.1', port });
process.stdout.write(JSON.stringify({ port, token: created.token }) + '\n');
const stop = async () => {
  await server.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
