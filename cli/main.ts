/**
 * The `parapet` command line. Each command group lives in its own file under
 * cli/ and exports `register(program)`; this file only wires them together.
 */
import { Command, CommanderError } from 'commander';
import { errorMessage, isParapetError } from '../common/errors.js';
import { groups } from './groups.js';

/**
 * The program with the group of `command` only, when it names one (loading every group
 * pulls in every cloud SDK and the server: ~1 CPU second before a scan starts); with
 * all groups otherwise (help, --version, an unknown command's error and suggestion).
 */
export async function buildProgram(command?: string): Promise<Command> {
  const program = new Command('parapet')
    .description('Cloud security posture management on policy-as-code (Rego compiled to WebAssembly).')
    .version(process.env.npm_package_version ?? '0.1.0')
    .showHelpAfterError()
    .exitOverride();
  const named = groups.filter((g) => command !== undefined && g.commands.includes(command));
  for (const group of named.length > 0 ? named : groups) (await group.load()).register(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = await buildProgram(argv[2]);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    const code = isParapetError(err) ? ` [${err.code}]` : '';
    process.stderr.write(`parapet: ${errorMessage(err)}${code}\n`);
    if (process.env.PARAPET_DEBUG) console.error(err);
    return 2;
  }
}

process.exitCode = await main(process.argv);
