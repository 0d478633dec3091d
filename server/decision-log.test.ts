import t from 'tap';
import { join } from 'node:path';
import { openStore } from '../store/index.js';
import { DecisionLogger } from './decision-log.js';
import { tempDir } from './testing.js';

t.test('buffered decisions reach the store in batches and on close', async (t) => {
  const { dir, remove } = tempDir();
  t.teardown(remove);
  const store = await openStore({ location: join(dir, 'logs.db'), decisionMaskPaths: ['/input/secret'] });
  t.teardown(() => store.close());
  const logger = new DecisionLogger(store.decisions, { flushMs: 60_000, batchSize: 100 });
  const entry = (i: number) => ({ decision_id: `d-${String(i).padStart(4, '0')}`, path: 'p/q', input: { secret: 's', i }, result: true, revisions: {}, timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, i % 60)).toISOString(), latency_us: 10 });
  for (let i = 0; i < 50; i++) logger.log(entry(i));
  await new Promise((r) => setTimeout(r, 100));
  t.equal(await store.decisions.count(), 0, 'less than a batch waits for the timer');
  t.equal(logger.pending, 50);
  for (let i = 50; i < 250; i++) logger.log(entry(i));
  await new Promise((r) => setTimeout(r, 100));
  t.equal(await store.decisions.count(), 250, 'a full batch triggers a write without waiting for the timer');
  logger.log(entry(250));
  await logger.close();
  t.equal(await store.decisions.count(), 251, 'close writes what is left');
  t.same((await store.decisions.get('d-0007')).input, { secret: '**masked**', i: 7 }, 'masked as stored');
});
