/**
 * `parapet serve`: the decision service (OPA Data API, evaluate, bundle registry and
 * bundle service, decision logs) on one process whose worker pool uses every core.
 * SIGTERM / SIGINT drain in-flight requests, flush the decision logs and exit.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ParapetError, errorMessage } from '../common/errors.js';
import { DB_HELP } from './scan.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

interface ServeFlags {
  db?: string;
  port: string;
  host: string;
  dev?: boolean;
  verificationKey: string[];
  bundle: string[];
  decisionLogMask: string[];
  decisionLogMaxAge?: string;
  decisionLogMaxRows?: string;
  threads?: string;
  evalTimeout?: string;
  bodyLimit?: string;
  logLevel: string;
  scheduler: boolean;
}

function positive(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new ParapetError('invalid_argument', `${name} must be a positive number, not ${JSON.stringify(value)}`);
  return n;
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('Run the decision service: OPA-compatible Data API, /v1/evaluate, bundle registry and bundle service, decision logs')
    .option('--db <location>', DB_HELP)
    .option('--port <port>', 'port to listen on', '8181')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--dev', 'development mode: accept unsigned bundles')
    .option('--verification-key <pem-file>', 'public key bundles must be signed with (repeatable)', collect, [])
    .option('--bundle <name=file>', 'publish and activate a bundle archive at start (repeatable)', collect, [])
    .option('--decision-log-mask <path>', 'input path masked before decision logs are stored, e.g. /input/password (repeatable)', collect, [])
    .option('--decision-log-max-age <hours>', 'delete decision logs older than this')
    .option('--decision-log-max-rows <n>', 'keep at most this many decision logs')
    .option('--threads <n>', 'evaluation worker threads (default: one per core)')
    .option('--eval-timeout <ms>', 'longest evaluation of one request', '5000')
    .option('--body-limit <bytes>', 'largest JSON request body')
    .option('--log-level <level>', 'pino log level', 'info')
    .option('--no-scheduler', 'do not run the scan schedules (`parapet schedule`)')
    .action(async (flags: ServeFlags) => {
      const { createServer, loggerOptions } = await import('../server/index.js');
      const port = positive('--port', flags.port)!;
      const keys = flags.verificationKey.map((file) => {
        try {
          return readFileSync(file, 'utf8');
        } catch (err) {
          throw new ParapetError('invalid_argument', `cannot read --verification-key ${file}: ${errorMessage(err)}`);
        }
      });
      if (keys.length === 0 && !flags.dev) {
        process.stderr.write('parapet: no --verification-key given: publishing will be refused (use --dev to accept unsigned bundles)\n');
      }
      const maxAgeHours = positive('--decision-log-max-age', flags.decisionLogMaxAge);
      const maxRows = positive('--decision-log-max-rows', flags.decisionLogMaxRows);
      const server = await createServer({
        db: flags.db,
        verificationKeys: keys,
        dev: flags.dev,
        decisionLogMask: flags.decisionLogMask,
        decisionLog: { retention: { maxAgeMs: maxAgeHours ? maxAgeHours * 3_600_000 : 30 * 24 * 3_600_000, maxRows: maxRows ?? 10_000_000 } },
        limits: { evalTimeoutMs: positive('--eval-timeout', flags.evalTimeout), ...(flags.bodyLimit ? { bodyBytes: positive('--body-limit', flags.bodyLimit) } : {}) },
        pool: flags.threads ? { threads: positive('--threads', flags.threads) } : undefined,
        logger: loggerOptions(flags.logLevel),
        scheduler: flags.scheduler,
      });
      try {
        for (const spec of flags.bundle) {
          const eq = spec.indexOf('=');
          if (eq <= 0) throw new ParapetError('invalid_argument', `--bundle takes NAME=FILE, not ${JSON.stringify(spec)}`);
          const [name, file] = [spec.slice(0, eq), spec.slice(eq + 1)];
          const { version } = await server.context.registry.publish(readFileSync(file), 'parapet serve --bundle');
          if (version.name !== name) throw new ParapetError('invalid_argument', `--bundle ${spec}: the archive is bundle ${version.name}, not ${name}`);
          await server.context.registry.activate(version.name, version.version, 'parapet serve --bundle');
          server.app.log.info({ bundle: version.name, version: version.version, digest: version.digest }, 'bundle activated from --bundle');
        }
        await server.app.listen({ host: flags.host, port });
      } catch (err) {
        await server.close();
        throw err;
      }
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          server.app.log.info({ signal }, 'shutting down: draining in-flight requests');
          void server.close().then(resolve, (err: unknown) => {
            server.app.log.error({ err }, 'shutdown failed');
            resolve();
          });
        };
        process.once('SIGTERM', () => stop('SIGTERM'));
        process.once('SIGINT', () => stop('SIGINT'));
      });
    });
}
