/** `parapet token create | list | revoke`: API tokens with scopes, stored hashed; the token is shown once. */
import type { Command } from 'commander';
import { TOKEN_SCOPES } from '../store/tokens.js';
import { DB_HELP, actor, table, withStore } from './scan.js';

export function register(program: Command): void {
  const group = program.command('token').description('API tokens for the server: scoped, stored as sha-256 hashes, shown once');

  group
    .command('create')
    .description('Create a token and print it once (only its hash is stored)')
    .requiredOption('--name <name>', 'what the token is for')
    .requiredOption('--scopes <list>', `comma-separated: ${TOKEN_SCOPES.join(', ')}`)
    .option('--by <name>', 'who creates it (default $PARAPET_USER, else the login name)')
    .option('--db <location>', DB_HELP)
    .option('--json', 'print id, name, scopes and token as JSON')
    .action(async (flags: { name: string; scopes: string; by?: string; db?: string; json?: boolean }) => {
      await withStore(flags.db, async (store) => {
        const created = await store.tokens.create({ name: flags.name, scopes: flags.scopes, createdBy: actor(flags.by) });
        if (flags.json) return void process.stdout.write(JSON.stringify(created, null, 2) + '\n');
        process.stderr.write(`Created token ${created.id} (${created.name}; ${created.scopes.join(', ')}). Copy it now: it is not stored and cannot be shown again.\n`);
        process.stdout.write(created.token + '\n');
      });
    });

  group
    .command('list')
    .description('List tokens (never their values)')
    .option('--all', 'include revoked tokens')
    .option('--db <location>', DB_HELP)
    .option('--json', 'as JSON')
    .action(async (flags: { all?: boolean; db?: string; json?: boolean }) => {
      await withStore(flags.db, async (store) => {
        const tokens = await store.tokens.list({ includeRevoked: flags.all === true });
        if (flags.json) return void process.stdout.write(JSON.stringify(tokens, null, 2) + '\n');
        process.stdout.write(
          table([
            ['id', 'name', 'scopes', 'created', 'by', 'last used', 'revoked'],
            ...tokens.map((t) => [t.id, t.name, t.scopes.join(','), t.created_at, t.created_by ?? '-', t.last_used_at ?? '-', t.revoked_at ?? '-']),
          ]),
        );
      });
    });

  group
    .command('revoke')
    .description('Revoke a token: it stops authorizing at once')
    .argument('<id>', 'token id')
    .option('--db <location>', DB_HELP)
    .action(async (id: string, flags: { db?: string }) => {
      await withStore(flags.db, async (store) => {
        const t = await store.tokens.revoke(id);
        process.stdout.write(`Revoked token ${t.id} (${t.name})\n`);
      });
    });
}
