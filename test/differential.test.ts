/**
 * The correctness oracle: for every rule under policies/ and every fixture its
 * `_test.rego` passes with `with input as <name>`, the deny set the wasm engine
 * computes equals the one OPA's own evaluator computes. One `opa eval` over a
 * generated module covers every (rule, fixture) pair; one wasm bundle holds every rule.
 */
import t from 'tap';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { runOpa } from '../common/opa.js';
import { fromRoot } from '../common/paths.js';
import { buildBundle } from '../engine/bundle/build.js';
import { loadBundle } from '../engine/bundle/load.js';
import { CAPABILITIES_PATH } from '../engine/eval/capabilities.js';
import { parseExact, stringifyExact } from '../engine/eval/json.js';
import { EvalPool } from '../engine/eval/pool.js';

const NOW = 1718000000000000000n; // 2024-06-10T06:13:20Z, for rules reading time.now_ns

function regoFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'lib' || name === 'frameworks' ? [] : regoFiles(path);
    return name.endsWith('.rego') && !name.endsWith('_test.rego') ? [path] : [];
  });
}

/** Canonical JSON: object keys sorted, so equal values print equally. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return stringifyExact(value) ?? 'undefined';
}

const denySet = (entries: unknown) => (Array.isArray(entries) ? entries.map(canonical).sort() : ['<not a set>', canonical(entries)]);

t.test('wasm deny sets equal opa eval for every rule and fixture', async (t) => {
  const policies = fromRoot('policies');
  const pairs: Array<{ key: string; pkg: string; testPkg: string; fixture: string; path: string }> = [];
  for (const file of regoFiles(policies)) {
    const testFile = file.replace(/\.rego$/, '_test.rego');
    if (!existsSync(testFile)) continue;
    const pkg = /^package\s+([\w.]+)/m.exec(readFileSync(file, 'utf8'))?.[1];
    const testPkg = /^package\s+([\w.]+)/m.exec(readFileSync(testFile, 'utf8'))?.[1];
    if (!pkg || !testPkg) continue;
    const fixtures = new Set([...readFileSync(testFile, 'utf8').matchAll(/with input as ([A-Za-z_][A-Za-z0-9_]*)\b(?!\s*[.[(])/g)].map((m) => m[1]));
    for (const fixture of fixtures) pairs.push({ key: `${pkg}#${fixture}`, pkg, testPkg, fixture, path: relative(fromRoot(), file) });
  }
  t.ok(pairs.length > 0, `found ${pairs.length} (rule, fixture) pairs`);
  if (pairs.length === 0) return;

  const work = mkdtempSync(join(tmpdir(), 'parapet-differential-'));
  t.teardown(() => rmSync(work, { recursive: true, force: true }));
  const ref = (pkg: string) => `data.${pkg.split('.').map((p) => (/^[A-Za-z_]\w*$/.test(p) ? p : `["${p}"]`)).join('.').replace(/\.\[/g, '[')}`;
  const module = [
    'package parapet_differential',
    '',
    ...pairs.flatMap(({ key, pkg, testPkg, fixture }) => [
      `deny[${JSON.stringify(key)}] := d if d := ${ref(pkg)}.deny with input as ${ref(testPkg)}.${fixture} with time.now_ns as ${NOW}`,
      `fixture[${JSON.stringify(key)}] := ${ref(testPkg)}.${fixture}`,
    ]),
    '',
  ].join('\n');
  writeFileSync(join(work, 'differential.rego'), module);

  const definition = join(work, 'all.json');
  writeFileSync(definition, JSON.stringify({ name: 'differential', version: '1.0.0', description: 'every rule', frameworks: [] }));
  const [opaOut, built] = await Promise.all([
    runOpa(['eval', '--format', 'json', '--capabilities', CAPABILITIES_PATH, '-d', policies, '-d', join(work, 'differential.rego'), 'data.parapet_differential']),
    buildBundle(definition, { outDir: work }),
  ]);
  const oracle = (parseExact(opaOut) as { result: Array<{ expressions: Array<{ value: { deny: Record<string, unknown>; fixture: Record<string, unknown> } }> }> }).result[0].expressions[0].value;
  const bundle = await loadBundle(built.file);
  const meta = bundle.parapet;
  const rulesByPackage = new Map(meta.rules.map((r) => [r.package, r]));

  const pool = new EvalPool({ key: bundle.digest, wasm: bundle.wasm, data: bundle.data });
  t.teardown(() => pool.close());
  const items = pairs.map((p) => {
    const rule = rulesByPackage.get(p.pkg);
    const provider = rule?.id.split('.')[0] as 'aws' | 'gcp' | 'azure';
    const entrypoint = rule && (rule.scope === 'resource' ? meta.dispatch.resource[rule.resource_types[0]] : meta.dispatch.account[provider]);
    return { pair: p, rule, entrypoint, input: stringifyExact(oracle.fixture[p.key]) ?? 'null' };
  });
  const missing = items.filter((i) => !i.rule || !i.entrypoint);
  t.same(missing.map((i) => i.pair.path), [], 'every rule with tests is in the bundle with a dispatch entrypoint');
  const runnable = items.filter((i) => i.rule && i.entrypoint);
  const results = await pool.evaluate(runnable.map((i) => ({ entrypoint: i.entrypoint!, input: i.input })), NOW);

  let compared = 0;
  runnable.forEach((item, i) => {
    const r = results[i];
    const label = `${item.pair.path} with input as ${item.pair.fixture}`;
    if (!r.ok) return t.fail(`${label}: wasm error ${r.error}`);
    const wasmDeny = (r.value as Array<{ result?: Record<string, unknown> }>)[0]?.result?.[item.rule!.id];
    const opaDeny = oracle.deny[item.pair.key];
    const same = canonical(denySet(wasmDeny)) === canonical(denySet(opaDeny));
    if (!same) t.same(denySet(wasmDeny), denySet(opaDeny), label);
    else compared++;
  });
  t.equal(compared, runnable.length, `${compared} of ${runnable.length} (rule, fixture) pairs agree`);
});
