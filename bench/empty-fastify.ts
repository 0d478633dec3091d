/**
 * The HTTP ceiling: Fastify with one route that parses the JSON body and answers
 * `{"result":{}}`, no logging. `node dist/bench/empty-fastify.js <port>`.
 */
import Fastify from 'fastify';

const port = Number(process.argv[2]);
const app = Fastify({ logger: false });
app.post('/', async () => ({ result: {} }));
await app.listen({ host: '127.0.0.1', port });
process.stdout.write(`listening ${port}\n`);
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
