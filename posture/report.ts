/**
 * A finished scan's report file (`parapet scan --report out/report.html`): the
 * scan's FAIL and ERROR outcomes, read page by page from the store with their
 * lifecycle and suppression, written by reports/ in the format the file name says.
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { once } from 'node:events';
import { ParapetError } from '../common/errors.js';
import type { Provider } from '../collectors/schema/inventory.js';
import type { LoadedBundle, Severity } from '../engine/bundle/types.js';
import type { FrameworkSummary } from '../engine/findings/types.js';
import { FORMATS, formatFromPath, writeReport } from '../reports/index.js';
import type { ReportFinding } from '../reports/types.js';
import { fromJson } from '../store/db.js';
import { isActiveAt } from '../store/exceptions.js';
import type { Store } from '../store/index.js';
import type { ScanRecord } from '../store/scans.js';

/** The scan's FAIL and ERROR outcomes with their findings' lifecycle and suppression, in (rule, resource) order. */
export async function* scanFindings(store: Store, scan: ScanRecord): AsyncGenerator<ReportFinding> {
  const exceptions = new Map((await store.exceptions.list()).map((e) => [e.id, e]));
  const at = scan.finished_at ?? new Date().toISOString();
  let after: { rule: string; resource: string } | undefined;
  for (;;) {
    const cursor = after;
    const rows = await store.db
      .selectFrom('scan_results as r')
      .leftJoin('findings as f', (join) => join.onRef('f.rule_id', '=', 'r.rule_id').onRef('f.resource_id', '=', 'r.resource_id'))
      .select([
        'r.rule_id', 'r.resource_id', 'r.resource_type', 'r.provider', 'r.account', 'r.region', 'r.status', 'r.severity', 'r.message', 'r.evidence',
        'f.status as lifecycle', 'f.first_seen', 'f.last_seen', 'f.suppressed_by',
      ])
      .where('r.scan_id', '=', scan.id)
      .where('r.status', '!=', 'PASS')
      .$if(cursor !== undefined, (q) =>
        q.where((eb) => eb.or([eb('r.rule_id', '>', cursor!.rule), eb.and([eb('r.rule_id', '=', cursor!.rule), eb('r.resource_id', '>', cursor!.resource)])])),
      )
      .orderBy('r.rule_id')
      .orderBy('r.resource_id')
      .limit(1000)
      .execute();
    for (const r of rows) {
      const exception = r.suppressed_by ? exceptions.get(r.suppressed_by) : undefined;
      const finding: ReportFinding = {
        rule_id: r.rule_id,
        resource_id: r.resource_id,
        resource_type: r.resource_type,
        provider: r.provider as Provider,
        account: r.account,
        region: r.region,
        severity: r.severity as Severity,
        status: r.status,
      };
      if (r.lifecycle) finding.lifecycle = r.lifecycle;
      if (r.message) finding.message = r.message;
      if (r.evidence) finding.evidence = fromJson<unknown[]>(r.evidence, []);
      if (r.first_seen) finding.first_seen = r.first_seen;
      if (r.last_seen) finding.last_seen = r.last_seen;
      if (exception && isActiveAt(exception, at)) {
        finding.suppressed = { exception_id: exception.id, owner: exception.owner, reason: exception.reason, expires_at: exception.expires_at };
      }
      yield finding;
    }
    if (rows.length < 1000) return;
    const last = rows[rows.length - 1]!;
    after = { rule: last.rule_id, resource: last.resource_id };
  }
}

export async function writeScanReport(store: Store, scan: ScanRecord, bundle: LoadedBundle, frameworks: FrameworkSummary[], path: string): Promise<void> {
  const format = formatFromPath(path);
  if (!format) throw new ParapetError('invalid_argument', `--report ${path}: name the file .html, .pdf, .csv, .json, .ndjson, .sarif, .ocsf.json or .asff.json (formats: ${FORMATS.join(', ')})`);
  await mkdir(dirname(path), { recursive: true });
  const out = createWriteStream(path);
  const meta = bundle.parapet.bundle;
  await writeReport(
    format,
    {
      generated_at: new Date().toISOString(),
      scan: { id: scan.id, target: scan.target, started_at: scan.started_at, ...(scan.finished_at ? { finished_at: scan.finished_at } : {}) },
      bundle: { name: meta.name, version: meta.version, digest: bundle.digest },
      rules: bundle.parapet.rules,
      frameworks,
    },
    scanFindings(store, scan),
    out,
  );
  out.end();
  await once(out, 'finish');
}
