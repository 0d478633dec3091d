import t from 'tap';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runOpa } from '../../common/opa.js';
import { CAPABILITIES_PATH, generateCapabilities, providedBuiltinNames, sdkBuiltins } from './capabilities.js';

t.test('capabilities.json is exactly the union of wasm-native, SDK and host built-ins', async (t) => {
  const onDisk = JSON.parse(readFileSync(CAPABILITIES_PATH, 'utf8'));
  t.same(onDisk, await generateCapabilities(), 'regenerate with node dist/engine/eval/capabilities.js');
  t.same(onDisk.features, ['rego_v1']);
  t.same(onDisk.builtins.map((b: { name: string }) => b.name).sort(), providedBuiltinNames());
  t.ok(sdkBuiltins().includes('regex.split'), 'reads the SDK built-ins');
});

t.test('a rule calling a built-in the evaluator lacks fails opa check, naming its file', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-caps-'));
  const file = join(dir, 'uses_http.rego');
  writeFileSync(file, 'package x\n\nallow if http.send({"method": "get", "url": "http://127.0.0.1"})\n');
  const err = await runOpa(['check', '--strict', '--capabilities', CAPABILITIES_PATH, file]).catch((e: Error) => e);
  t.ok(err instanceof Error);
  t.match((err as Error).message, /uses_http\.rego/);
  t.match((err as Error).message, /undefined function http\.send/);
});
