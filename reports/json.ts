/** Findings as one JSON document (context + findings) or as NDJSON, streamed. */
import type { Writable } from 'node:stream';
import type { Findings, ReportContext } from './types.js';
import { writeJsonArray, writeText } from './stream.js';

export async function writeJson(context: ReportContext, findings: Findings, out: Writable): Promise<number> {
  const { rules: _rules, ...head } = context;
  const prefix = `{"format":"parapet.findings/v1","context":${JSON.stringify(head)},"findings":`;
  return writeJsonArray(out, prefix, findings, '}\n');
}

export async function writeNdjson(findings: Findings, out: Writable): Promise<number> {
  let n = 0;
  for await (const f of findings) {
    await writeText(out, JSON.stringify(f) + '\n');
    n++;
  }
  return n;
}
