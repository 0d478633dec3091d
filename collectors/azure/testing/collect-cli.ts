/**
 * Runs `collect gcp|azure` in a child process for the CLI tests, the way the
 * `parapet` binary does (errors printed as `parapet: <message> [<code>]`,
 * exit 2), while cli/collect.ts does not wire these groups in yet.
 */
import { Command, CommanderError } from 'commander';
import { errorMessage, isParapetError } from '../../../common/errors.js';
import { registerAzure } from '../../../cli/collect-azure.js';
import { registerGcp } from '../../../cli/collect-gcp.js';

const program = new Command('parapet').exitOverride();
const collect = program.command('collect').exitOverride();
registerGcp(collect);
registerAzure(collect);
for (const c of collect.commands) c.exitOverride();
try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode);
  process.stderr.write(`parapet: ${errorMessage(err)}${isParapetError(err) ? ` [${err.code}]` : ''}\n`);
  process.exitCode = 2;
}
