/**
 * `parapet eval`: evaluates an inventory with a bundle. Summary on the terminal,
 * findings streamed to --out (JSON or NDJSON), a progress bar on a TTY.
 * Exit codes: 0 clean, 1 findings at or above --fail-on, 2 errors — ERROR outcomes
 * (a rule that could not be evaluated, an invalid inventory record) included, even when
 * --fail-on findings would give 1: the result is incomplete. Evidence integers beyond
 * 2^53 are written as decimal strings (see ARCHITECTURE.md).
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { once } from 'node:events';
import { Command, Option } from 'commander';
import { ParapetError } from '../common/errors.js';
import { loadBundle } from '../engine/bundle/load.js';
import { SEVERITIES, type Severity } from '../engine/bundle/types.js';
import { evaluateInventory } from '../engine/eval/evaluate.js';
import { parseRfc3339Ns } from '../engine/eval/builtins/time.js';
import { formatSummary } from '../engine/findings/summary.js';
import type { Outcome } from '../engine/findings/types.js';

interface EvalFlags {
  bundle: string;
  inventory: string;
  format: 'table' | 'json' | 'ndjson';
  out?: string;
  failOn?: Severity;
  workers?: string;
  now?: string;
  verificationKey?: string;
  batchSize?: string;
}

export function register(program: Command): void {
  program
    .command('eval')
    .description('Evaluate an inventory (JSON or NDJSON, `-` for stdin) with a policy bundle')
    .requiredOption('--bundle <file>', 'bundle archive (.tar.gz)')
    .requiredOption('--inventory <file>', 'inventory file (.json, .ndjson, .gz) or - for stdin')
    .addOption(new Option('--format <format>', 'findings format in --out; table prints only the summary').choices(['table', 'json', 'ndjson']).default('table'))
    .option('--out <file>', 'write findings (FAIL and ERROR outcomes; all with --format ndjson) to this file')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding at or above this severity fails (ERROR outcomes exit 2)').choices([...SEVERITIES]))
    .option('--workers <n>', 'worker threads (default: one per core)')
    .option('--batch-size <n>', 'resources a batch', '512')
    .option('--now <rfc3339>', 'the instant time.now_ns returns (default: now), for reproducible scans')
    .option('--verification-key <pem>', 'public key file; the bundle must carry a valid signature')
    .action(async (flags: EvalFlags) => {
      process.exitCode = await runEval(flags);
    });
}

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new ParapetError('invalid_argument', `${name} must be a positive integer, not ${value}`);
  return n;
}

async function spoolStdin(): Promise<{ path: string; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-stdin-'));
  const path = join(dir, 'inventory');
  await pipeline(process.stdin, createWriteStream(path));
  return { path, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function runEval(flags: EvalFlags): Promise<number> {
  let nowNs = BigInt(Date.now()) * 1_000_000n;
  if (flags.now !== undefined) {
    const parsed = parseRfc3339Ns(flags.now);
    if (parsed === undefined) throw new ParapetError('invalid_argument', `--now must be an RFC 3339 time, not ${flags.now}`);
    nowNs = parsed;
  }
  const threads = positiveInt('--workers', flags.workers);
  const batchSize = positiveInt('--batch-size', flags.batchSize);
  const publicKey = flags.verificationKey ? await readFile(flags.verificationKey, 'utf8') : undefined;
  const bundle = await loadBundle(flags.bundle, publicKey ? { publicKey, requireSignature: true } : {});

  const stdin = flags.inventory === '-' ? await spoolStdin() : undefined;
  const out = flags.out ? createWriteStream(flags.out) : undefined;
  const format = flags.format === 'table' ? 'json' : flags.format;
  let first = true;
  // Findings are gathered into chunks of ~64 KiB: one stream write per finding cost
  // more main-thread time than evaluating it. A promise only when the stream is full.
  let chunk = '';
  const flush = (): Promise<void> | undefined => {
    const text = chunk;
    chunk = '';
    if (out && text && !out.write(text)) return once(out, 'drain').then(() => undefined);
    return undefined;
  };
  const write = (text: string): Promise<void> | undefined => {
    chunk += text;
    return chunk.length >= 65_536 ? flush() : undefined;
  };
  if (out && format === 'json') await write('{"findings":[\n');

  // The bar draws on stderr, and only when the summary goes to a terminal too.
  const bar = process.stdout.isTTY && process.stderr.isTTY ? await progressBar() : undefined;
  const severityRank = (s: Severity) => SEVERITIES.indexOf(s);
  let failedAtThreshold = 0;
  try {
    const summary = await evaluateInventory({
      bundle,
      inventory: stdin?.path ?? flags.inventory,
      nowNs,
      threads,
      batchSize,
      onProgress: (p) => bar?.update(p),
      onOutcome: (o: Outcome) => {
        if (o.status === 'FAIL' && flags.failOn && severityRank(o.severity) <= severityRank(flags.failOn)) failedAtThreshold++;
        if (!out || (format === 'json' && o.status === 'PASS')) return;
        if (format === 'ndjson') return write(JSON.stringify(o) + '\n');
        const text = (first ? '' : ',\n') + JSON.stringify(o);
        first = false;
        return write(text);
      },
    });
    bar?.stop();
    if (out) {
      if (format === 'json') await write(`\n],\n"summary":${JSON.stringify({ ...summary.rollup, resources: summary.resources, invalid: summary.invalid, invalid_count: summary.invalidCount })}}\n`);
      await flush();
      out.end();
      await once(out, 'finish');
    }
    process.stdout.write(
      formatSummary(summary.rollup, {
        resources: summary.resources,
        invalid: summary.invalidCount,
        durationMs: summary.durationMs,
        bundle: `${bundle.parapet.bundle.name}@${bundle.parapet.bundle.version}`,
      }),
    );
    for (const inv of summary.invalid.slice(0, 10)) {
      process.stderr.write(`parapet: invalid inventory record ${inv.line}${inv.id ? ` (${inv.id})` : ''}: ${inv.errors.join('; ')}\n`);
    }
    if (summary.rollup.totals.ERROR > 0) return 2;
    return failedAtThreshold > 0 ? 1 : 0;
  } finally {
    bar?.stop();
    stdin?.cleanup();
  }
}

async function progressBar() {
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar(
    { format: 'evaluating [{bar}] {value}/{total} resources  {rate}/s', clearOnComplete: true, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(p: { done: number; total?: number; rate: number }) {
      if (!started) {
        bar.start(p.total ?? 0, 0, { rate: '0' });
        started = true;
      }
      bar.update(p.done, { rate: p.rate.toFixed(0) });
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
