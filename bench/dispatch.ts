/**
 * Dispatch benchmark: cost per resource of evaluating one type's dispatch entrypoint
 * with 10 and with 300 rules of OTHER types compiled into the same policy.wasm.
 * Dispatch by type should make the two equal. Run: `node dist/bench/dispatch.js`.
 */
import { rmSync } from 'node:fs';
import { buildWasm, writeRego } from '../engine/eval/testing.js';
import { WasmPolicy } from '../engine/eval/policy.js';
import { Wasm } from '../engine/eval/wasm-types.js';

const TARGET_RULES = 5;
const RESOURCES = 5000;

function rule(pkg: string, type: string, i: number): string {
  return `package ${pkg}

deny contains {"msg": sprintf("%s: setting_${i} is off", [input.resource.id]), "resource": input.resource.id, "evidence": {"v": v}} if {
  input.resource.type == "${type}"
  v := object.get(input.resource.config, "setting_${i}", false)
  v != true
}
`;
}

async function policyWith(otherRules: number): Promise<WasmPolicy> {
  const files: Record<string, string> = {};
  const targetIds: string[] = [];
  for (let i = 0; i < TARGET_RULES; i++) {
    files[`target/r${i}.rego`] = rule(`rules.target.r${i}`, 'Bench::Target', i);
    targetIds.push(`"r${i}": data.rules.target.r${i}.deny`);
  }
  const otherTypes = Math.max(1, otherRules / 10);
  const byType: string[][] = Array.from({ length: otherTypes }, () => []);
  for (let i = 0; i < otherRules; i++) {
    files[`other/r${i}.rego`] = rule(`rules.other.r${i}`, `Bench::Other${i % otherTypes}`, i);
    byType[i % otherTypes].push(`"o${i}": data.rules.other.r${i}.deny`);
  }
  files['dispatch/target.rego'] = `package dispatch.target\n\nresults := {${targetIds.join(', ')}}\n`;
  byType.forEach((entries, t) => (files[`dispatch/other${t}.rego`] = `package dispatch.other${t}\n\nresults := {${entries.join(', ')}}\n`));
  const dir = writeRego(files);
  try {
    const entrypoints = ['dispatch/target/results', ...byType.map((_, t) => `dispatch/other${t}/results`)];
    const wasm = await buildWasm([dir], entrypoints);
    const policy = new WasmPolicy(new Wasm.Module(wasm), { nowNs: 0n, maxMemoryPages: 4096 });
    policy.setData({});
    return policy;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function measure(policy: WasmPolicy): number {
  const inputs = Array.from({ length: RESOURCES }, (_, i) =>
    JSON.stringify({ resource: { id: `arn:bench:${i}`, type: 'Bench::Target', config: { setting_0: i % 2 === 0, setting_3: true, name: `r${i}` } }, facts: {} }),
  );
  for (let i = 0; i < 500; i++) policy.evaluateRaw('dispatch/target/results', inputs[i]); // warm-up
  const start = process.hrtime.bigint();
  for (const input of inputs) JSON.parse(policy.evaluateRaw('dispatch/target/results', input));
  return Number(process.hrtime.bigint() - start) / 1000 / RESOURCES; // µs per resource
}

const small = measure(await policyWith(10));
const large = measure(await policyWith(300));
process.stdout.write(
  `dispatch: ${TARGET_RULES} rules of the resource's type, ${RESOURCES} resources, one thread\n` +
    `  with  10 rules of other types: ${small.toFixed(1)} µs/resource (${Math.round(1e6 / small)} resources/s)\n` +
    `  with 300 rules of other types: ${large.toFixed(1)} µs/resource (${Math.round(1e6 / large)} resources/s)\n` +
    `  ratio 300/10: ${(large / small).toFixed(2)}\n`,
);
