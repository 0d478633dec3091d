import t from 'tap';
import { existsSync } from 'node:fs';
import { MateStore } from './mates.js';

// Each account's texts are read back in one read when close together, else text by text.
for (const [how, maxAccountRead] of [['an account in one read', undefined], ['text by text', 0]] as const) {
  t.test(`texts come back per account and type, in order, across file chunks and multi-byte text (${how})`, async (t) => {
    const store = new MateStore({ maxAccountRead });
    const expected = new Map<string, string[]>();
    // Interleaved accounts and types, ~3 MiB in all (so several writes), some with non-ASCII text.
    for (let i = 0; i < 6000; i++) {
      const account = `acct-${i % 3}`;
      const type = i % 5 === 0 ? 'Fact::B' : 'Fact::A';
      const text = JSON.stringify({ id: `r-${i}`, type, region: `region-${i % 2}`, note: i % 7 === 0 ? `ünïcødé ✓ ${'x'.repeat(i % 900)}` : 'y'.repeat(500) });
      store.add(account, type, text);
      const key = `${account}/${type}`;
      expected.set(key, [...(expected.get(key) ?? []), text]);
    }
    for (const [key, texts] of expected) {
      const [account, type] = key.split('/') as [string, string];
      t.same(store.texts(account, type), texts, `${key}: ${texts.length} texts`);
    }
    t.same(store.texts('acct-0', 'Fact::C'), [], 'a type with no resources');
    t.same(store.texts('nobody', 'Fact::A'), [], 'an unknown account');
    const json = JSON.parse(store.typesJson('acct-1', ['Fact::B', 'Fact::C'])) as Record<string, Array<{ id: string }>>;
    t.same(Object.keys(json), ['Fact::B', 'Fact::C']);
    t.equal(json['Fact::B']!.length, expected.get('acct-1/Fact::B')!.length);
    t.same(json['Fact::C'], []);
    const refs = store.refs('acct-2', ['Fact::A']);
    t.same(refs[0], { id: 'r-2', type: 'Fact::A', region: 'region-0' });
    t.equal(refs.length, expected.get('acct-2/Fact::A')!.length);

    // More after reading: appended and readable too.
    store.add('acct-0', 'Fact::A', '{"late":true}');
    t.same(store.texts('acct-0', 'Fact::A').at(-1), '{"late":true}');
    const dir = (store as unknown as { dir: string }).dir;
    t.ok(existsSync(dir));
    store.close();
    store.close();
    t.notOk(existsSync(dir), 'close removes the temporary file');
  });
}
