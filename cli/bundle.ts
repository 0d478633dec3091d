/** `parapet bundle build | sign | verify | inspect`: OPA-format policy bundles. */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ParapetError } from '../common/errors.js';
import { buildBundle } from '../engine/bundle/build.js';
import { inspectBundle } from '../engine/bundle/inspect.js';
import { signBundle, SIGNING_ALGORITHMS, type SigningAlgorithm } from '../engine/bundle/sign.js';
import { verifyBundle } from '../engine/bundle/verify.js';

interface SignFlags {
  signingKey?: string;
  signingAlg?: string;
  keyId?: string;
}

function readKey(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new ParapetError('bad_option', `cannot read the ${what} ${file}: ${(err as Error).message}`);
  }
}

function algorithm(value: string | undefined): SigningAlgorithm | undefined {
  if (value === undefined) return undefined;
  if (!(SIGNING_ALGORITHMS as readonly string[]).includes(value)) {
    throw new ParapetError('bad_option', `--signing-alg must be one of ${SIGNING_ALGORITHMS.join(', ')}, not ${value}`);
  }
  return value as SigningAlgorithm;
}

const signingOptions = (cmd: Command) =>
  cmd
    .option('--signing-key <pem>', 'PEM private key file to sign the bundle with')
    .option('--signing-alg <alg>', `signature algorithm (${SIGNING_ALGORITHMS.join(', ')}; default RS256)`)
    .option('--key-id <id>', 'key id written in the signature (default "default", what opa assumes)');

export function register(program: Command): void {
  const bundle = program.command('bundle').description('build, sign, verify and inspect OPA-format policy bundles');

  signingOptions(
    bundle
      .command('build <definition>')
      .description('compile bundles/<name>.json (or a definition file) to out/bundles/<name>-<version>.tar.gz')
      .option('--out <dir>', 'output folder (default out/bundles)')
      .option('--policies <dir>', 'rule tree (default policies/)'),
  ).action(async (definition: string, flags: SignFlags & { out?: string; policies?: string }) => {
    const result = await buildBundle(definition, {
      outDir: flags.out,
      policiesDir: flags.policies,
      signingKey: flags.signingKey ? readKey(flags.signingKey, 'signing key') : undefined,
      signingAlg: algorithm(flags.signingAlg),
      keyId: flags.keyId,
    });
    process.stdout.write(
      `built ${result.file}\n  digest ${result.digest}\n  ${result.rules} rules, ${result.entrypoints.length} entrypoints, ${result.bytes} bytes, ${result.durationMs} ms${flags.signingKey ? ', signed' : ''}\n`,
    );
  });

  signingOptions(bundle.command('sign <bundle>').description('sign a bundle in place (or to --out) with .signatures.json in OPA format').option('--out <file>', 'write the signed bundle here instead'))
    .action(async (file: string, flags: SignFlags & { out?: string }) => {
      if (!flags.signingKey) throw new ParapetError('bad_option', 'bundle sign needs --signing-key <pem>');
      const signed = await signBundle(file, { privateKey: readKey(flags.signingKey, 'signing key'), algorithm: algorithm(flags.signingAlg), keyId: flags.keyId });
      const out = flags.out ?? file;
      writeFileSync(out, signed.bytes);
      process.stdout.write(`signed ${out}\n  digest ${signed.digest}\n`);
    });

  bundle
    .command('verify <bundle>')
    .description("check a bundle's signature (every file listed and unchanged)")
    .requiredOption('--verification-key <pem>', 'PEM public key file')
    .option('--signing-alg <alg>', 'accept only this algorithm')
    .action(async (file: string, flags: { verificationKey: string; signingAlg?: string }) => {
      const v = await verifyBundle(file, { publicKey: readKey(flags.verificationKey, 'verification key'), algorithm: algorithm(flags.signingAlg) });
      process.stdout.write(`verified ${file}: ${v.files.length} files signed with ${v.algorithm}${v.keyId ? ` (key id ${v.keyId})` : ''}\n  digest ${v.digest}\n`);
    });

  bundle
    .command('inspect <bundle>')
    .description('what a bundle holds: name, version, digest, signature, frameworks, rules, entrypoints')
    .option('--format <format>', 'table or json', 'table')
    .option('--verification-key <pem>', 'also verify the signature with this PEM public key')
    .action(async (file: string, flags: { format: string; verificationKey?: string }) => {
      if (flags.format !== 'table' && flags.format !== 'json') throw new ParapetError('bad_option', `--format must be table or json, not ${flags.format}`);
      const s = await inspectBundle(file, { publicKey: flags.verificationKey ? readKey(flags.verificationKey, 'verification key') : undefined });
      if (flags.format === 'json') {
        process.stdout.write(`${JSON.stringify(s, null, 2)}\n`);
        return;
      }
      const kv = (o: Record<string, number>) => Object.entries(o).map(([k, v]) => `${k} ${v}`).join(', ');
      const lines = [
        `name        ${s.name}`,
        `version     ${s.version}`,
        `revision    ${s.revision}`,
        `digest      ${s.digest}`,
        `signed      ${s.signed ? (s.verified ? 'yes, verified' : 'yes (not verified: no --verification-key)') : 'no'}`,
        `frameworks  ${s.frameworks.map((f) => `${f.id} (${f.controls} controls)`).join(', ') || '-'}`,
        `rules       ${s.rules}: ${kv(s.rules_by_provider)}`,
        `severity    ${kv(s.rules_by_severity)}`,
        `entrypoints ${s.entrypoints.length}`,
        ...s.entrypoints.map((e) => `  ${e}`),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
