/** `parapet exception add | list | expire | revoke | audit`: accepted risks with an owner, a reason and an expiry. */
import type { Command } from 'commander';
import { ParapetError } from '../common/errors.js';
import type { ExceptionRecord, ExceptionScope } from '../store/exceptions.js';
import { DB_HELP, actor, table, withStore } from './scan.js';

interface AddFlags {
  rule?: string;
  resource?: string;
  account?: string;
  tag?: string;
  owner: string;
  reason: string;
  expires: string;
  by?: string;
  db?: string;
  json?: boolean;
}

function describeScope(scope: ExceptionScope): string {
  const parts: string[] = [];
  if (scope.rule) parts.push(`rule=${scope.rule}`);
  if (scope.resource) parts.push(`resource=${scope.resource}`);
  if (scope.account) parts.push(`account=${scope.account}`);
  if (scope.tag) parts.push(`tag:${scope.tag.key}${scope.tag.value === undefined ? '' : `=${scope.tag.value}`}`);
  return parts.join(' ');
}

function parseTag(text: string): { key: string; value?: string } {
  const eq = text.indexOf('=');
  const key = (eq < 0 ? text : text.slice(0, eq)).trim();
  if (!key) throw new ParapetError('exception_invalid', `--tag must be KEY or KEY=VALUE, not ${JSON.stringify(text)}`);
  return eq < 0 ? { key } : { key, value: text.slice(eq + 1) };
}

function rows(list: ExceptionRecord[]): string {
  const now = new Date().toISOString();
  return table([
    ['id', 'scope', 'owner', 'expires', 'state', 'created by', 'reason'],
    ...list.map((e) => [
      e.id, describeScope(e.scope), e.owner, e.expires_at,
      e.revoked_at ? 'revoked' : e.expires_at <= now ? 'expired' : 'active', e.created_by, e.reason,
    ]),
  ]);
}

export function register(program: Command): void {
  const group = program.command('exception').description('Exceptions (accepted risks): scoped by rule, resource, account or tag, with an owner, a reason and an expiry; every change audited');

  group
    .command('add')
    .description('Add an exception; failing findings in its scope are kept but marked suppressed from the next scan on')
    .option('--rule <id>', 'rule id (`*` matches any characters, e.g. aws.s3.*)')
    .option('--resource <id>', 'resource id (`*` matches any characters)')
    .option('--account <id>', 'account, project or subscription id')
    .option('--tag <key[=value]>', 'resources carrying this tag (any value when none is given)')
    .requiredOption('--owner <name>', 'who owns the accepted risk')
    .requiredOption('--reason <text>', 'why it is accepted')
    .requiredOption('--expires <date>', 'when it stops suppressing (ISO-8601 date or time, in the future)')
    .option('--by <name>', 'who creates it (default $PARAPET_USER, else the login name)')
    .option('--db <location>', DB_HELP)
    .option('--json', 'print the exception as JSON')
    .action(async (flags: AddFlags) => {
      await withStore(flags.db, async (store) => {
        const created = await store.exceptions.create({
          ...(flags.rule ? { rule: flags.rule } : {}),
          ...(flags.resource ? { resource: flags.resource } : {}),
          ...(flags.account ? { account: flags.account } : {}),
          ...(flags.tag ? { tag: parseTag(flags.tag) } : {}),
          owner: flags.owner,
          reason: flags.reason,
          createdBy: actor(flags.by),
          expiresAt: flags.expires,
        });
        process.stdout.write(flags.json ? JSON.stringify(created, null, 2) + '\n' : `Added exception ${created.id} (${describeScope(created.scope)}), expires ${created.expires_at}\n`);
      });
    });

  group
    .command('list')
    .description('List exceptions (active ones; --all for every one)')
    .option('--all', 'include expired and revoked exceptions')
    .option('--db <location>', DB_HELP)
    .option('--json', 'as JSON')
    .action(async (flags: { all?: boolean; db?: string; json?: boolean }) => {
      await withStore(flags.db, async (store) => {
        const list = await store.exceptions.list(flags.all ? {} : { activeAt: new Date().toISOString() });
        process.stdout.write(flags.json ? JSON.stringify(list, null, 2) + '\n' : rows(list));
      });
    });

  group
    .command('expire')
    .description('Expire an exception now: it stops suppressing at the next scan, where its findings show as reopened')
    .argument('<id>', 'exception id')
    .option('--by <name>', 'who expires it (default $PARAPET_USER, else the login name)')
    .option('--db <location>', DB_HELP)
    .action(async (id: string, flags: { by?: string; db?: string }) => {
      await withStore(flags.db, async (store) => {
        const e = await store.exceptions.expire(id, actor(flags.by));
        process.stdout.write(`Expired exception ${e.id} at ${e.expires_at}\n`);
      });
    });

  group
    .command('revoke')
    .description('Revoke an exception (kept, with who revoked it)')
    .argument('<id>', 'exception id')
    .option('--by <name>', 'who revokes it (default $PARAPET_USER, else the login name)')
    .option('--db <location>', DB_HELP)
    .action(async (id: string, flags: { by?: string; db?: string }) => {
      await withStore(flags.db, async (store) => {
        const e = await store.exceptions.revoke(id, actor(flags.by));
        process.stdout.write(`Revoked exception ${e.id} at ${e.revoked_at}\n`);
      });
    });

  group
    .command('audit')
    .description('The audit trail of every change to exceptions (or of one)')
    .argument('[id]', 'exception id')
    .option('--db <location>', DB_HELP)
    .option('--json', 'as JSON')
    .action(async (id: string | undefined, flags: { db?: string; json?: boolean }) => {
      await withStore(flags.db, async (store) => {
        const trail = await store.exceptions.audit(id);
        if (flags.json) return void process.stdout.write(JSON.stringify(trail, null, 2) + '\n');
        process.stdout.write(table([['at', 'exception', 'action', 'by', 'expires after'], ...trail.map((a) => [a.at, a.exception_id, a.action, a.actor, a.after?.expires_at ?? '-'])]));
      });
    });
}
