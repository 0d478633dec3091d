/** `parapet policy test | lint | new | coverage`: the Rego author's loop. */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { ParapetError } from '../common/errors.js';
import { runOpa } from '../common/opa.js';
import { fromRoot } from '../common/paths.js';
import { defaultCapabilities } from '../engine/bundle/build.js';
import { frameworkCoverage } from '../engine/bundle/coverage.js';
import { displayPath, loadCatalogs, loadRuleMetadata } from '../engine/bundle/metadata.js';
import { SEVERITIES, type Severity } from '../engine/bundle/types.js';

const defaultDir = () => fromRoot('policies');
const DEFAULT_FRAMEWORK: Record<string, string> = { aws: 'cis-aws-3.0.0', gcp: 'cis-gcp-3.0.0', azure: 'cis-azure-2.1.0' };
const DEFAULT_TYPE: Record<string, string> = { aws: 'AWS::S3::Bucket', gcp: 'storage.googleapis.com/Bucket', azure: 'microsoft.storage/storageaccounts' };

interface TestResult {
  name: string;
  package: string;
  fail?: boolean;
  error?: unknown;
  location: { file: string; row: number };
}

export function register(program: Command): void {
  const policy = program.command('policy').description('test, lint, scaffold and measure the Rego rule library');

  policy
    .command('test')
    .description('opa test over the rules with the evaluator\'s capabilities, then the line coverage')
    .option('--dir <dir>', 'rule tree (default policies/)')
    .action(async (flags: { dir?: string }) => {
      const dir = resolve(flags.dir ?? defaultDir());
      const caps = defaultCapabilities();
      let results: TestResult[];
      try {
        results = JSON.parse(await runOpa(['test', dir, '--capabilities', caps, '--format', 'json'])) as TestResult[];
      } catch (err) {
        // opa exits non-zero when a test fails; its JSON report is still on stdout.
        const out = ((err as { cause?: { stdout?: string } }).cause?.stdout ?? '').trim();
        if (!out.startsWith('[')) throw err;
        results = JSON.parse(out) as TestResult[];
      }
      const failed = results.filter((r) => r.fail || r.error);
      for (const r of failed) {
        process.stdout.write(`FAIL ${displayPath(r.location.file)}:${r.location.row} ${r.package}.${r.name}${r.error ? ` (${JSON.stringify(r.error)})` : ''}\n`);
      }
      process.stdout.write(`${failed.length ? 'FAIL' : 'PASS'}: ${results.length - failed.length}/${results.length} tests\n`);
      if (failed.length) {
        process.exitCode = 1;
        return;
      }
      const cov = JSON.parse(await runOpa(['test', dir, '--capabilities', caps, '--coverage', '--format', 'json'])) as { coverage: number };
      process.stdout.write(`coverage: ${cov.coverage.toFixed(1)}% of rule lines\n`);
    });

  policy
    .command('lint')
    .description('rule metadata contract, opa fmt, opa check --strict with the capabilities')
    .option('--dir <dir>', 'rule tree (default policies/)')
    .action(async (flags: { dir?: string }) => {
      const dir = resolve(flags.dir ?? defaultDir());
      const rules = await loadRuleMetadata(dir);
      process.stdout.write(`metadata: ${rules.length} rules valid\n`);
      const unformatted = await runOpa(['fmt', '--list', dir]);
      if (unformatted.trim()) {
        throw new ParapetError('policy_lint_failed', `not formatted (run opa fmt -w): ${unformatted.trim().split('\n').map((f) => displayPath(resolve(f))).join(', ')}`);
      }
      process.stdout.write('fmt: ok\n');
      try {
        await runOpa(['check', '--strict', '--capabilities', defaultCapabilities(), dir]);
      } catch (err) {
        throw new ParapetError('policy_lint_failed', (err as Error).message);
      }
      process.stdout.write('check --strict: ok\n');
    });

  policy
    .command('new <path>')
    .description('scaffold <provider>/<service>/<name>: a rule with valid metadata and a failing and a passing test')
    .option('--resource-type <type>', 'resource type the rule evaluates')
    .option('--severity <severity>', `one of ${SEVERITIES.join(', ')}`, 'medium')
    .option('--control <framework:control>', 'framework control it implements (default: the first automated control of the provider\'s CIS catalog)')
    .option('--dir <dir>', 'rule tree (default policies/)')
    .action(async (path: string, flags: { resourceType?: string; severity: string; control?: string; dir?: string }) => {
      const dir = resolve(flags.dir ?? defaultDir());
      const m = /^(aws|gcp|azure)\/([a-z][a-z0-9_]*)\/([a-z][a-z0-9_]*)$/.exec(path);
      if (!m) throw new ParapetError('bad_option', `expected <aws|gcp|azure>/<service>/<name> in lower_snake_case, not ${path}`);
      const [, provider, service, name] = m as unknown as [string, string, string, string];
      if (!SEVERITIES.includes(flags.severity as Severity)) throw new ParapetError('bad_option', `--severity must be one of ${SEVERITIES.join(', ')}`);
      const catalogs = loadCatalogs(join(dir, 'frameworks'));
      let framework: string;
      let control: string;
      if (flags.control) {
        const i = flags.control.indexOf(':');
        [framework, control] = [flags.control.slice(0, i), flags.control.slice(i + 1)];
      } else {
        framework = DEFAULT_FRAMEWORK[provider]!;
        control = catalogs.get(framework)?.controls.find((c) => c.automated)?.id ?? '';
      }
      if (!catalogs.get(framework)?.controls.some((c) => c.id === control)) {
        throw new ParapetError('bad_option', `control ${framework}:${control} is not in a catalog under ${displayPath(join(dir, 'frameworks'))}`);
      }
      const type = flags.resourceType ?? DEFAULT_TYPE[provider]!;
      const folder = join(dir, provider, service);
      const rule = join(folder, `${name}.rego`);
      const test = join(folder, `${name}_test.rego`);
      if (existsSync(rule) || existsSync(test)) throw new ParapetError('policy_exists', `${displayPath(rule)} already exists`);
      mkdirSync(folder, { recursive: true });
      const id = `${provider}.${service}.${name}`;
      writeFileSync(rule, ruleTemplate(id, type, flags.severity, framework, control));
      writeFileSync(test, testTemplate(id, type));
      process.stdout.write(`created ${displayPath(rule)}\ncreated ${displayPath(test)}\nnext: edit the condition and the tests, check ${framework} ${control} is the right control, then \`parapet policy test\`\n`);
    });

  policy
    .command('coverage')
    .description('per framework: controls, automated, covered by at least one rule, not covered')
    .option('--format <format>', 'table or json', 'table')
    .option('--dir <dir>', 'rule tree (default policies/)')
    .action(async (flags: { format: string; dir?: string }) => {
      if (flags.format !== 'table' && flags.format !== 'json') throw new ParapetError('bad_option', `--format must be table or json, not ${flags.format}`);
      const dir = resolve(flags.dir ?? defaultDir());
      const report = frameworkCoverage(loadCatalogs(join(dir, 'frameworks')), await loadRuleMetadata(dir));
      if (flags.format === 'json') {
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        return;
      }
      const rows = [['framework', 'controls', 'automated', 'covered', 'not covered'], ...report.map((r) => [r.framework, r.controls, r.automated, r.covered, r.not_covered].map(String))];
      const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
      const out = rows.map((row) => row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
      for (const r of report) {
        if (!r.uncovered.length) continue;
        out.push('', `${r.framework} not covered:`);
        for (const c of r.uncovered) out.push(`  ${c.id}${c.automated ? '' : ' (manual)'} ${c.title}${c.needs_data ? ` — needs: ${c.needs_data}` : ''}`);
      }
      process.stdout.write(`${out.join('\n')}\n`);
    });
}

function ruleTemplate(id: string, type: string, severity: string, framework: string, control: string): string {
  const [provider, service, name] = id.split('.');
  return `# METADATA
# title: ${name!.replace(/_/g, ' ')}
# description: TODO why this matters, in a sentence or two.
# custom:
#   id: ${id}
#   severity: ${severity}
#   resource_types: [${JSON.stringify(type)}]
#   scope: resource
#   frameworks:
#     ${framework}: [${JSON.stringify(control)}]
#   remediation:
#     text: TODO what to change.
package parapet.rules.${provider}.${service}.${name}

import data.parapet.lib

# TODO: the condition. The scaffold fails a resource whose config sets "enabled" to false.
deny contains lib.finding(input.resource, msg, {"enabled": input.resource.config.enabled}) if {
\tinput.resource.config.enabled == false
\tmsg := sprintf("%s has enabled set to false", [input.resource.id])
}
`;
}

function testTemplate(id: string, type: string): string {
  return `package parapet.rules.${id}_test

import data.parapet.rules.${id} as rule

failing := {"resource": {"id": "example-1", "type": ${JSON.stringify(type)}, "config": {"enabled": false}}, "facts": {}}

passing := {"resource": {"id": "example-2", "type": ${JSON.stringify(type)}, "config": {"enabled": true}}, "facts": {}}

test_fails if {
\tsome finding in rule.deny with input as failing
\tfinding.resource == "example-1"
}

test_passes if count(rule.deny) == 0 with input as passing
`;
}
