/** Report and export formats, by name, for the CLI and the server. */
import type { Writable } from 'node:stream';
import type { Findings, ReportContext } from './types.js';
import { writeCsv } from './csv.js';
import { writeJson, writeNdjson } from './json.js';
import { writeSarif } from './sarif.js';
import { writeOcsf } from './ocsf.js';
import { writeAsff } from './asff.js';
import { renderHtmlReport } from './html.js';
import { renderPdf } from './pdf.js';
import { writeText } from './stream.js';

export const FORMATS = ['html', 'pdf', 'csv', 'json', 'ndjson', 'sarif', 'ocsf', 'asff'] as const;
export type ReportFormat = (typeof FORMATS)[number];

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8', pdf: 'application/pdf', csv: 'text/csv; charset=utf-8',
  json: 'application/json', ndjson: 'application/x-ndjson', sarif: 'application/sarif+json',
  ocsf: 'application/json', asff: 'application/json',
};

export function formatFromPath(path: string): ReportFormat | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.ocsf.json')) return 'ocsf';
  if (lower.endsWith('.asff.json')) return 'asff';
  const ext = path.toLowerCase().match(/\.(html?|pdf|csv|ndjson|sarif|json)$/)?.[1];
  if (!ext) return undefined;
  if (ext === 'htm') return 'html';
  return ext as ReportFormat;
}

/** Writes findings in `format`; `findings` is consumed once (pass a fresh iterable). */
export async function writeReport(format: ReportFormat, context: ReportContext, findings: Findings, out: Writable): Promise<void> {
  switch (format) {
    case 'html':
      await writeText(out, await renderHtmlReport(context, findings));
      return;
    case 'pdf': {
      const pdf = await renderPdf(await renderHtmlReport(context, findings));
      await new Promise<void>((resolve, reject) => out.write(pdf, (err) => (err ? reject(err) : resolve())));
      return;
    }
    case 'csv':
      await writeCsv(context, findings, out);
      return;
    case 'json':
      await writeJson(context, findings, out);
      return;
    case 'ndjson':
      await writeNdjson(findings, out);
      return;
    case 'sarif':
      await writeSarif(context, findings, out);
      return;
    case 'ocsf':
      await writeOcsf(context, findings, out);
      return;
    case 'asff':
      await writeAsff(context, findings, out);
      return;
  }
}

export type { ReportContext, ReportFinding, Findings } from './types.js';
