/**
 * Findings as SARIF 2.1.0. Cloud resources have no source file, so each result
 * names its resource as a logical location (kind "resource") and carries a
 * stable fingerprint of (rule, resource) so that viewers track it across scans.
 */
import { createHash } from 'node:crypto';
import type { Writable } from 'node:stream';
import type { Severity } from '../engine/bundle/types.js';
import type { Findings, ReportContext, ReportFinding } from './types.js';
import { PRODUCT } from './types.js';
import { writeJsonArray } from './stream.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note',
};
/** GitHub's convention: a CVSS-like score that code scanning maps back to severity. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0' };

export function findingFingerprint(ruleId: string, resourceId: string): string {
  return createHash('sha256').update(`${ruleId}\u0000${resourceId}`).digest('hex').slice(0, 32);
}

export async function writeSarif(context: ReportContext, findings: Findings, out: Writable): Promise<number> {
  const index = new Map(context.rules.map((r, i) => [r.id, i]));
  const driver = {
    name: PRODUCT.name,
    informationUri: PRODUCT.uri,
    semanticVersion: '0.1.0',
    rules: context.rules.map((r) => ({
      id: r.id,
      name: r.id.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : '')),
      shortDescription: { text: r.title },
      fullDescription: { text: r.description },
      help: { text: [r.remediation.text, r.remediation.cli && `CLI: ${r.remediation.cli}`].filter(Boolean).join('\n') },
      defaultConfiguration: { level: LEVEL[r.severity] },
      properties: {
        'security-severity': SECURITY_SEVERITY[r.severity],
        tags: ['security', r.severity, ...Object.entries(r.frameworks).flatMap(([fw, ids]) => ids.map((id) => `${fw}/${id}`))],
      },
    })),
  };
  const head = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{ tool: { driver }, automationDetails: context.scan ? { id: `parapet/${context.scan.target}/${context.scan.id}` } : undefined }],
  };
  // Stream the results array into the run: everything before it, the array, then the closing braces.
  const headText = JSON.stringify(head);
  const prefix = headText.slice(0, -'}]}'.length) + ',"results":';
  async function* results() {
    for await (const f of findings) {
      if (f.status === 'PASS') continue;
      yield toResult(f);
    }
  }
  function toResult(f: ReportFinding) {
    return {
      ruleId: f.rule_id,
      ...(index.has(f.rule_id) ? { ruleIndex: index.get(f.rule_id) } : {}),
      level: f.status === 'ERROR' ? 'warning' : LEVEL[f.severity],
      kind: f.status === 'ERROR' ? 'review' : 'fail',
      message: { text: f.status === 'ERROR' ? `could not evaluate: ${f.message ?? 'error'}` : (f.message ?? f.rule_id) },
      locations: [
        { logicalLocations: [{ fullyQualifiedName: f.resource_id, name: f.resource_id.split(/[/:]/).pop(), kind: 'resource' }] },
      ],
      partialFingerprints: { 'parapetFinding/v1': findingFingerprint(f.rule_id, f.resource_id) },
      ...(f.suppressed
        ? { suppressions: [{ kind: 'external', status: 'accepted', justification: `${f.suppressed.reason} (owner ${f.suppressed.owner}, until ${f.suppressed.expires_at})` }] }
        : {}),
      properties: {
        provider: f.provider, account: f.account, region: f.region, resourceType: f.resource_type,
        ...(f.lifecycle ? { lifecycle: f.lifecycle } : {}), ...(f.evidence ? { evidence: f.evidence } : {}),
      },
    };
  }
  return writeJsonArray(out, prefix, results(), '}]}\n');
}
