/** `parapet diff`: new, resolved and reopened findings between two scans of a target (default the last two). */
import type { Command } from 'commander';
import type { DiffEntry } from '../store/findings.js';
import { DB_HELP, positiveInt, table, withStore } from './scan.js';

export function register(program: Command): void {
  program
    .command('diff')
    .description('Show new, resolved and reopened findings between two scans of one target (default: the last two finished scans)')
    .option('--from <scan>', 'the earlier scan id')
    .option('--to <scan>', 'the later scan id (default: the latest finished scan)')
    .option('--target <name>', 'the target whose latest scans to compare')
    .option('--db <location>', DB_HELP)
    .option('--json', 'as JSON')
    .action(async (flags: { from?: string; to?: string; target?: string; db?: string; json?: boolean }) => {
      const from = positiveInt('--from', flags.from);
      const to = positiveInt('--to', flags.to);
      await withStore(flags.db, async (store) => {
        const diff = await store.findings.diff({
          ...(from !== undefined ? { from } : {}),
          ...(to !== undefined ? { to } : {}),
          ...(flags.target ? { target: flags.target } : {}),
        });
        if (flags.json) return void process.stdout.write(JSON.stringify(diff, null, 2) + '\n');
        process.stdout.write(
          `${diff.from === null ? `Scan ${diff.to} (the first of its target)` : `Scan ${diff.from} → scan ${diff.to}`}: ` +
            `${diff.new.length} new, ${diff.resolved.length} resolved, ${diff.reopened.length} reopened\n`,
        );
        const section = (title: string, entries: DiffEntry[]) => {
          if (!entries.length) return;
          process.stdout.write(`\n${title}\n`);
          process.stdout.write(
            table([
              ['severity', 'rule', 'resource', 'account', 'note'],
              ...entries.map((e) => [e.severity, e.rule_id, e.resource_id, `${e.provider}:${e.account}`, e.suppressed_by ? `suppressed by ${e.suppressed_by}` : (e.message ?? '')]),
            ]),
          );
        };
        section('New', diff.new);
        section('Reopened', diff.reopened);
        section('Resolved', diff.resolved);
      });
    });
}
