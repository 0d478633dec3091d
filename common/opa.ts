import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { ParapetError } from './errors.js';
import { fromRoot } from './paths.js';

export const OPA_VERSION = '1.22.3';

let cached: string | undefined;

/**
 * The OPA CLI at the pinned version, built with its WebAssembly engine: $PARAPET_OPA, then .tools/bin/opa (built by
 * `make opa`), then `opa` on the PATH when its version matches.
 */
export function opaBinary(): string {
  if (cached) return cached;
  const candidates = [process.env.PARAPET_OPA, fromRoot('.tools', 'bin', 'opa'), 'opa'].filter(
    (c): c is string => !!c,
  );
  for (const candidate of candidates) {
    if (candidate.includes('/') && !existsSync(candidate)) continue;
    const out = spawnSync(candidate, ['version'], { encoding: 'utf8' });
    if (out.status === 0 && out.stdout.includes(`Version: ${OPA_VERSION}`) && out.stdout.includes('WebAssembly: available'))
      return (cached = candidate);
  }
  throw new ParapetError(
    'opa_not_found',
    `the OPA CLI v${OPA_VERSION} was not found; run \`make opa\` (it builds it from the Go module proxy into .tools/bin)`,
  );
}

const execFileAsync = promisify(execFile);

/** Runs the pinned OPA CLI; rejects with its stderr when it exits non-zero. */
export async function runOpa(args: string[], options: { cwd?: string; input?: string } = {}): Promise<string> {
  try {
    const { stdout } = await execFileAsync(opaBinary(), args, {
      cwd: options.cwd,
      maxBuffer: 256 * 1024 * 1024,
      encoding: 'utf8',
    });
    return stdout;
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string; message: string };
    const detail = (e.stderr || e.stdout || e.message).trim();
    throw new ParapetError('opa_failed', `opa ${args[0]} failed: ${detail}`, { cause: err });
  }
}
