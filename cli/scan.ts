/**
 * `parapet scan`: collect (import) → evaluate → store as one scan, then the
 * compliance summary and what changed. `parapet scans` lists scans;
 * `parapet score` shows posture scores and their trend.
 * Exit codes: 0 clean, 1 findings at or above --fail-on, 2 errors.
 */
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { Command, Option } from 'commander';
import { ParapetError } from '../common/errors.js';
import { SEVERITIES, type Severity } from '../engine/bundle/types.js';
import { formatSummary } from '../engine/findings/summary.js';
import { writeScanReport } from '../posture/report.js';
import { formatFromPath } from '../reports/index.js';
import { runScan } from '../posture/scan.js';
import { openStore, storeLocation, type Store } from '../store/index.js';
import type { ScanRecord } from '../store/scans.js';
import type { ScoreDimension } from '../store/scores.js';

export const DB_HELP = 'the store: a SQLite file or a postgres:// URL (default $PARAPET_DB, else .data/parapet.db)';

/** Opens the store for one command and closes it afterwards. */
export async function withStore<T>(db: string | undefined, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore({ location: storeLocation(db) });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** Who is acting, for audit trails: --by, else $PARAPET_USER, else the login name. */
export function actor(by?: string): string {
  return by ?? process.env.PARAPET_USER ?? userInfo().username;
}

export function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new ParapetError('invalid_argument', `${name} must be a positive integer, not ${value}`);
  return n;
}

export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n') + '\n';
}

interface ScanFlags {
  import?: string[];
  inventory?: string;
  bundle: string;
  db?: string;
  target: string;
  failOn?: Severity;
  workers?: string;
  verificationKey?: string;
  report?: string[];
  json?: boolean;
}

export function describeScan(scan: ScanRecord): string {
  const f = scan.counts?.findings;
  const lines = [
    `Scan ${scan.id} of ${scan.target}: ${scan.status}` +
      (scan.duration_ms !== null ? ` in ${(scan.duration_ms / 1000).toFixed(1)} s` : '') +
      (scan.bundle ? `, bundle ${scan.bundle.name}@${scan.bundle.version}` : ''),
  ];
  if (f) lines.push(`Findings: ${f.new} new, ${f.reopened} reopened, ${f.open} still open, ${f.resolved} resolved, ${f.suppressed} suppressed by exceptions`);
  const incomplete = scan.sources.filter((s) => !s.complete);
  for (const s of incomplete) lines.push(`Incomplete source ${s.scope} (${s.collector}): ${(s.errors ?? []).map((e) => e.message).join('; ') || 'not read completely'}`);
  if (scan.error) lines.push(`Error: ${scan.error}`);
  return lines.join('\n') + '\n';
}

export function register(program: Command): void {
  program
    .command('scan')
    .description('Collect, evaluate and store one scan of a target: import native exports (or read an inventory), evaluate with a bundle, record findings and their lifecycle')
    .option('--import <paths...>', 'native export files or folders to import (as `parapet collect import`)')
    .option('--inventory <file>', 'an existing parapet.inventory/v1 file instead of --import')
    .requiredOption('--bundle <name|file>', 'a bundle archive, or a definition name under bundles/ (built into out/bundles when missing), e.g. all')
    .option('--db <location>', DB_HELP)
    .option('--target <name>', 'what is scanned; one scan of a target runs at a time, and diffs compare scans of one target', 'default')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when an unsuppressed finding at or above this severity fails').choices([...SEVERITIES]))
    .option('--workers <n>', 'evaluation worker threads (default: one per core)')
    .option('--verification-key <pem>', 'public key file; the bundle must carry a valid signature')
    .option('--report <files...>', 'also write the scan\'s report, in the format the name says: .html, .pdf, .csv, .json, .ndjson, .sarif, .ocsf.json, .asff.json')
    .option('--json', 'print the scan record as JSON')
    .action(async (flags: ScanFlags) => {
      const threads = positiveInt('--workers', flags.workers);
      for (const file of flags.report ?? []) {
        if (!formatFromPath(file)) {
          throw new ParapetError('invalid_argument', `--report ${file}: name the file .html, .pdf, .csv, .json, .ndjson, .sarif, .ocsf.json or .asff.json`);
        }
      }
      const publicKey = flags.verificationKey ? readFileSync(flags.verificationKey, 'utf8') : undefined;
      process.exitCode = await withStore(flags.db, async (store) => {
        const { scan, evaluation, bundle } = await runScan({
          store,
          target: flags.target,
          ...(flags.import ? { imports: flags.import } : {}),
          ...(flags.inventory ? { inventory: flags.inventory } : {}),
          bundle: flags.bundle,
          ...(threads ? { threads } : {}),
          ...(publicKey ? { publicKey } : {}),
        });
        for (const file of flags.report ?? []) await writeScanReport(store, scan, bundle, evaluation.rollup.frameworks, file);
        if (flags.json) process.stdout.write(JSON.stringify(scan, null, 2) + '\n');
        else {
          process.stdout.write(
            formatSummary(evaluation.rollup, {
              resources: evaluation.resources,
              invalid: evaluation.invalidCount,
              durationMs: evaluation.durationMs,
              bundle: `${bundle.parapet.bundle.name}@${bundle.parapet.bundle.version}`,
            }),
          );
          const overall = (await store.scores.forScan(scan.id, 'overall'))[0];
          process.stdout.write('\n' + describeScan(scan) + (overall?.score != null ? `Posture score: ${overall.score}\n` : ''));
          for (const file of flags.report ?? []) process.stdout.write(`Report: ${file}\n`);
        }
        if (evaluation.rollup.totals.ERROR > 0) return 2;
        if (flags.failOn) {
          const rank = SEVERITIES.indexOf(flags.failOn);
          const failing = await store.findings.list({ active: true, suppressed: false, target: scan.target, severity: SEVERITIES.slice(0, rank + 1) as string[], limit: 1 });
          if (failing.length > 0) return 1;
        }
        return 0;
      });
    });

  program
    .command('scans')
    .description('List recent scans, newest first')
    .option('--db <location>', DB_HELP)
    .option('--target <name>', 'only scans of this target')
    .option('--limit <n>', 'how many', '20')
    .option('--json', 'as JSON')
    .action(async (flags: { db?: string; target?: string; limit: string; json?: boolean }) => {
      const limit = positiveInt('--limit', flags.limit);
      await withStore(flags.db, async (store) => {
        const scans = await store.scans.list({ ...(flags.target ? { target: flags.target } : {}), ...(limit ? { limit } : {}) });
        if (flags.json) return void process.stdout.write(JSON.stringify(scans, null, 2) + '\n');
        const rows = [['id', 'target', 'status', 'started', 'duration', 'bundle', 'resources', 'pass', 'fail', 'error']];
        for (const s of scans) {
          rows.push([
            String(s.id), s.target, s.status, s.started_at, s.duration_ms === null ? '-' : `${(s.duration_ms / 1000).toFixed(1)}s`,
            s.bundle ? `${s.bundle.name}@${s.bundle.version}` : '-', String(s.counts?.resources ?? '-'),
            String(s.counts?.outcomes.PASS ?? '-'), String(s.counts?.outcomes.FAIL ?? '-'), String(s.counts?.outcomes.ERROR ?? '-'),
          ]);
        }
        process.stdout.write(table(rows));
      });
    });

  program
    .command('score')
    .description('Posture scores of a scan (overall, per cloud, account and framework), or the trend of one across scans')
    .option('--db <location>', DB_HELP)
    .option('--scan <id>', 'the scan (default: the latest finished one, of --target when given)')
    .option('--target <name>', 'the target')
    .addOption(new Option('--trend <dimension>', 'show the trend of one score across scans').choices(['overall', 'provider', 'account', 'framework']))
    .option('--key <key>', 'with --trend: which one (e.g. aws, aws:123456789012, cis-aws-3.0.0; default all)')
    .option('--limit <n>', 'with --trend: how many scans', '20')
    .option('--json', 'as JSON')
    .action(async (flags: { db?: string; scan?: string; target?: string; trend?: ScoreDimension; key?: string; limit: string; json?: boolean }) => {
      const scanId = positiveInt('--scan', flags.scan);
      const limit = positiveInt('--limit', flags.limit);
      await withStore(flags.db, async (store) => {
        if (flags.trend) {
          const key = flags.key ?? (flags.trend === 'overall' ? 'all' : undefined);
          if (!key) throw new ParapetError('invalid_argument', `--trend ${flags.trend} needs --key (e.g. ${flags.trend === 'provider' ? 'aws' : flags.trend === 'account' ? 'aws:123456789012' : 'cis-aws-3.0.0'})`);
          const points = await store.scores.trend({ dimension: flags.trend, key, ...(flags.target ? { target: flags.target } : {}), ...(limit ? { limit } : {}) });
          if (flags.json) return void process.stdout.write(JSON.stringify(points, null, 2) + '\n');
          process.stdout.write(table([['scan', 'finished', 'score', 'passed', 'failed'], ...points.map((p) => [String(p.scan_id), p.finished_at, p.score === null ? '-' : String(p.score), String(p.passed), String(p.failed)])]));
          return;
        }
        const scan = scanId !== undefined ? await store.scans.get(scanId) : (await store.scans.list({ finished: true, limit: 1, ...(flags.target ? { target: flags.target } : {}) }))[0];
        if (!scan) throw new ParapetError('scan_not_found', 'no finished scan yet: run `parapet scan` first');
        const scores = await store.scores.forScan(scan.id);
        if (flags.json) return void process.stdout.write(JSON.stringify({ scan: scan.id, scores }, null, 2) + '\n');
        process.stdout.write(`Scan ${scan.id} of ${scan.target} (${scan.finished_at ?? scan.status})\n`);
        process.stdout.write(table([['dimension', 'key', 'score', 'passed', 'failed'], ...scores.map((s) => [s.dimension, s.key, s.score === null ? '-' : String(s.score), String(s.passed), String(s.failed)])]));
      });
    });
}
