/**
 * `parapet collect gcp`: Cloud Asset Inventory at organization, folder or
 * project scope into an inventory file.
 */
import { Command, Option } from 'commander';
import { ParapetError } from '../common/errors.js';
import { InventoryWriter } from '../collectors/common/inventory-writer.js';
import { createProgress, type Progress } from '../collectors/common/progress.js';
import type { AssetClientOptions, GcpScope } from '../collectors/gcp/collect.js';
import type { Source } from '../collectors/schema/inventory.js';

const collectList = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/**
 * Client options for `--api-endpoint host[:port]`. A loopback endpoint is an
 * emulator or test server and is spoken to in plaintext without Google
 * credentials; any other endpoint uses TLS and the default credentials.
 */
export async function gcpClientOptions(endpoint: string | undefined): Promise<AssetClientOptions> {
  if (!endpoint) return {};
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(endpoint);
  if (!m) throw new ParapetError('gcp_bad_endpoint', `--api-endpoint must be host[:port], not ${JSON.stringify(endpoint)}`);
  const [, host, port] = m;
  const options: AssetClientOptions = { apiEndpoint: host!, ...(port ? { port: Number(port) } : {}) };
  if (LOOPBACK.has(host!)) {
    const grpc = await import('@grpc/grpc-js');
    options.sslCreds = grpc.credentials.createInsecure();
    // Named outright, the universe needs no credential lookup (which would probe the GCE metadata server).
    options.universeDomain = 'googleapis.com';
  }
  return options;
}

/** One line about what was written, and an error when a scope is incomplete and that was not allowed. */
/** Runs one collection into `out`: the inventory is written (atomically) even when partial, then judged. */
export async function collectInto(out: string, label: string, allowPartial: boolean, run: (writer: InventoryWriter, progress: Progress) => Promise<Source[]>): Promise<void> {
  const writer = await InventoryWriter.open(out);
  const progress = createProgress({ label });
  let sources: Source[];
  try {
    sources = await run(writer, progress);
  } catch (err) {
    await writer.abort();
    throw err;
  } finally {
    progress.stop();
  }
  const done = await writer.finish(sources);
  reportCollection(out, done.resources, sources, allowPartial);
}

export function reportCollection(out: string, resources: number, sources: Source[], allowPartial: boolean): void {
  const incomplete = sources.filter((s) => !s.complete);
  process.stderr.write(`parapet: wrote ${resources} resources from ${sources.length} scope${sources.length === 1 ? '' : 's'} to ${out}`
    + (incomplete.length ? ` (${incomplete.length} incomplete)` : '') + '\n');
  for (const s of incomplete) {
    for (const e of s.errors ?? []) process.stderr.write(`parapet:   ${s.scope}: ${e.scope ? e.scope + ': ' : ''}${e.message}${e.code ? ` [${e.code}]` : ''}\n`);
  }
  if (incomplete.length && !allowPartial) {
    throw new ParapetError('collect_partial', `the collection is partial: ${incomplete.length} of ${sources.length} scopes could not be read completely (the inventory was written; pass --allow-partial to accept it)`);
  }
}

export function parseRetries(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 20) throw new ParapetError('bad_option', `--retries must be an integer from 0 to 20, not ${value}`);
  return n;
}

interface GcpFlags {
  organization: string[];
  folder: string[];
  project: string[];
  out: string;
  assetTypes?: string[];
  pageSize?: string;
  apiEndpoint?: string;
  retries: string;
  facts: boolean;
  allowPartial?: boolean;
}

export function registerGcp(collect: Command): void {
  collect
    .command('gcp')
    .description('Collect a GCP estate from Cloud Asset Inventory (resources, IAM policies and org policies) using Google default credentials.')
    .option('--organization <id>', 'organization id (repeatable or comma-separated)', collectList, [])
    .option('--folder <id>', 'folder id (repeatable or comma-separated)', collectList, [])
    .option('--project <id>', 'project id or number (repeatable or comma-separated)', collectList, [])
    .requiredOption('--out <file>', 'inventory file to write (.json for one JSON document, otherwise NDJSON)')
    .option('--asset-types <types>', 'only these Cloud Asset types, e.g. storage.googleapis.com/Bucket (comma-separated)', collectList)
    .addOption(new Option('--page-size <n>', 'assets a page (at most 1000)').default('1000'))
    .option('--api-endpoint <host[:port]>', 'Cloud Asset endpoint (default cloudasset.googleapis.com; a loopback host is an emulator, spoken to in plaintext)')
    .addOption(new Option('--retries <n>', 'retries of a throttled or failed request before its scope is marked incomplete').default('4'))
    .option('--no-facts', 'skip the per-project facts Cloud Asset does not record (Access Approval settings)')
    .option('--allow-partial', 'exit 0 even when some scope could not be read completely')
    .action(async (flags: GcpFlags) => {
      const scopes: GcpScope[] = [
        ...flags.organization.map((id) => ({ kind: 'organization' as const, id })),
        ...flags.folder.map((id) => ({ kind: 'folder' as const, id })),
        ...flags.project.map((id) => ({ kind: 'project' as const, id })),
      ];
      if (scopes.length === 0) throw new ParapetError('gcp_no_scope', 'name at least one --organization, --folder or --project');
      const pageSize = Number(flags.pageSize);
      if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) throw new ParapetError('bad_option', `--page-size must be an integer from 1 to 1000, not ${flags.pageSize}`);
      const retry = { attempts: parseRetries(flags.retries) + 1 };
      const clientOptions = await gcpClientOptions(flags.apiEndpoint);
      // The SDKs load only when their command runs, so other commands start fast.
      const { collectGcp } = await import('../collectors/gcp/collect.js');
      await collectInto(flags.out, 'gcp', flags.allowPartial === true, (writer, progress) =>
        collectGcp({ scopes, writer, clientOptions, pageSize, progress, retry, facts: flags.facts, ...(flags.assetTypes?.length ? { assetTypes: flags.assetTypes } : {}) }),
      );
    });
}
