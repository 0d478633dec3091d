/**
 * `parapet schedule`: a cron expression per scan target, run by `parapet serve`'s
 * scheduler (posture/scheduler.ts); `POST /v1/scans` can also scan a scheduled
 * target on demand.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ParapetError, errorMessage } from '../common/errors.js';
import { DB_HELP, table, withStore } from './scan.js';

interface SetFlags {
  cron: string;
  import?: string[];
  inventory?: string;
  bundle: string;
  verificationKey?: string;
  disabled?: boolean;
  db?: string;
}

export function register(program: Command): void {
  const schedule = program
    .command('schedule')
    .description('Scan schedules: a cron expression per target, run by `parapet serve`');

  schedule
    .command('set <target>')
    .description('Create or replace the schedule of a target')
    .requiredOption('--cron <expression>', 'when to scan, e.g. "0 3 * * *" (five fields, or six with seconds first)')
    .option('--import <paths...>', 'native export files or folders to import at each run')
    .option('--inventory <file>', 'a parapet.inventory/v1 file to read at each run instead of --import')
    .requiredOption('--bundle <name|file>', 'a bundle archive or a definition name under bundles/')
    .option('--verification-key <pem-file>', 'public key file the bundle must be signed with')
    .option('--disabled', 'store the schedule without running it')
    .option('--db <location>', DB_HELP)
    .action(async (target: string, flags: SetFlags) => {
      if (!!flags.import?.length === !!flags.inventory) {
        throw new ParapetError('invalid_argument', 'give either --import paths or one --inventory file');
      }
      let publicKey: string | undefined;
      if (flags.verificationKey) {
        try {
          publicKey = readFileSync(flags.verificationKey, 'utf8');
        } catch (err) {
          throw new ParapetError('invalid_argument', `cannot read --verification-key ${flags.verificationKey}: ${errorMessage(err)}`);
        }
      }
      await withStore(flags.db, async (store) => {
        const saved = await store.schedules.put({
          target,
          cron: flags.cron,
          enabled: !flags.disabled,
          spec: {
            bundle: flags.bundle,
            ...(flags.import?.length ? { imports: flags.import } : { inventory: flags.inventory! }),
            ...(publicKey ? { publicKey } : {}),
          },
        });
        process.stdout.write(`schedule of ${saved.target}: ${saved.cron}${saved.enabled ? '' : ' (disabled)'}\n`);
      });
    });

  schedule
    .command('list')
    .description('List the schedules')
    .option('--db <location>', DB_HELP)
    .option('--json', 'as JSON')
    .action(async (flags: { db?: string; json?: boolean }) => {
      await withStore(flags.db, async (store) => {
        const all = await store.schedules.list();
        if (flags.json) return void process.stdout.write(JSON.stringify(all, null, 2) + '\n');
        if (!all.length) return void process.stdout.write('no schedules\n');
        process.stdout.write(
          table([
            ['target', 'cron', 'enabled', 'bundle', 'source', 'last run', 'last scan'],
            ...all.map((s) => [s.target, s.cron, s.enabled ? 'yes' : 'no', s.spec.bundle, s.spec.inventory ?? (s.spec.imports ?? []).join(' '), s.last_run_at ?? '-', s.last_scan_id === null ? '-' : String(s.last_scan_id)]),
          ]),
        );
      });
    });

  schedule
    .command('remove <target>')
    .description('Delete the schedule of a target')
    .option('--db <location>', DB_HELP)
    .action(async (target: string, flags: { db?: string }) => {
      await withStore(flags.db, async (store) => {
        await store.schedules.remove(target);
        process.stdout.write(`schedule of ${target} removed\n`);
      });
    });
}
