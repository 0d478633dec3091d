/**
 * The `parapet` command line. Each command group lives in its own file under
 * cli/ and exports `register(program)`; this file only wires them together.
 */
import { Command, CommanderError } from 'commander';
import { errorMessage, isParapetError } from '../common/errors.js';

type Register = (program: Command) => void;

// One import a command group; keep the list sorted.
const groups: Array<() => Promise<{ register: Register }>> = [
  () => import('./bundle.js'),
  () => import('./collect.js'),
  () => import('./diff.js'),
  () => import('./eval.js'),
  () => import('./exceptions.js'),
  () => import('./policy.js'),
  () => import('./scan.js'),
  () => import('./schedule.js'),
  () => import('./serve.js'),
  () => import('./token.js'),
];

export async function buildProgram(): Promise<Command> {
  const program = new Command('parapet')
    .description('Cloud security posture management on policy-as-code (Rego compiled to WebAssembly).')
    .version(process.env.npm_package_version ?? '0.1.0')
    .showHelpAfterError()
    .exitOverride();
  for (const load of groups) (await load()).register(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = await buildProgram();
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
