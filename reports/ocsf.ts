/**
 * Findings as OCSF Compliance Finding events (class 2003, category Findings),
 * schema version 1.1.0: one event per (rule, resource), the compliance object
 * naming the frameworks' controls the rule reports on.
 */
import type { Writable } from 'node:stream';
import type { Severity } from '../engine/bundle/types.js';
import type { Findings, ReportContext, ReportFinding } from './types.js';
import { PRODUCT, ruleIndex } from './types.js';
import { writeJsonArray } from './stream.js';
import { findingFingerprint } from './sarif.js';

export const OCSF_VERSION = '1.1.0';
const CLASS_UID = 2003;
const SEVERITY_ID: Record<Severity, number> = { info: 1, low: 2, medium: 3, high: 4, critical: 5 };
const SEVERITY_NAME: Record<Severity, string> = { info: 'Informational', low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' };

function statusOf(f: ReportFinding): { status_id: number; status: string } {
  if (f.suppressed) return { status_id: 3, status: 'Suppressed' };
  if (f.status === 'PASS' || f.lifecycle === 'resolved') return { status_id: 4, status: 'Resolved' };
  if (f.lifecycle === 'open' || f.lifecycle === 'reopened') return { status_id: 2, status: 'In Progress' };
  return { status_id: 1, status: 'New' };
}

export function toOcsf(context: ReportContext, rules: ReturnType<typeof ruleIndex>, f: ReportFinding) {
  const rule = rules.get(f.rule_id);
  const time = Date.parse(f.last_seen ?? context.generated_at);
  const activity_id = f.lifecycle === 'resolved' ? 3 : f.lifecycle === 'open' || f.lifecycle === 'reopened' ? 2 : 1;
  const frameworks = rule?.frameworks ?? {};
  const compliance = {
    standards: Object.keys(frameworks),
    requirements: Object.entries(frameworks).flatMap(([fw, ids]) => ids.map((id) => `${fw}:${id}`)),
    control: f.rule_id,
    ...(f.status === 'PASS'
      ? { status_id: 1, status: 'Pass' }
      : f.status === 'FAIL'
        ? { status_id: 3, status: 'Fail' }
        : { status_id: 99, status: 'Error', status_detail: f.message }),
  };
  return {
    class_uid: CLASS_UID,
    class_name: 'Compliance Finding',
    category_uid: 2,
    category_name: 'Findings',
    activity_id,
    type_uid: CLASS_UID * 100 + activity_id,
    time,
    severity_id: SEVERITY_ID[f.severity],
    severity: SEVERITY_NAME[f.severity],
    ...statusOf(f),
    message: f.message ?? rule?.title ?? f.rule_id,
    metadata: {
      version: OCSF_VERSION,
      product: { name: PRODUCT.name, vendor_name: PRODUCT.vendor, version: '0.1.0', url_string: PRODUCT.uri },
      ...(context.scan ? { correlation_uid: String(context.scan.id) } : {}),
    },
    finding_info: {
      uid: findingFingerprint(f.rule_id, f.resource_id),
      title: rule?.title ?? f.rule_id,
      desc: rule?.description,
      types: ['Compliance'],
      ...(f.first_seen ? { first_seen_time: Date.parse(f.first_seen) } : {}),
      ...(f.last_seen ? { last_seen_time: Date.parse(f.last_seen) } : {}),
    },
    compliance,
    remediation: { desc: rule?.remediation.text ?? '' },
    cloud: { provider: f.provider.toUpperCase(), region: f.region, account: { uid: f.account } },
    resources: [{ uid: f.resource_id, type: f.resource_type, region: f.region, cloud_partition: f.provider === 'aws' ? 'aws' : undefined }],
    ...(f.evidence ? { unmapped: { evidence: f.evidence } } : {}),
  };
}

export async function writeOcsf(context: ReportContext, findings: Findings, out: Writable): Promise<number> {
  const rules = ruleIndex(context);
  async function* events() {
    for await (const f of findings) yield toOcsf(context, rules, f);
  }
  return writeJsonArray(out, '', events(), '\n');
}
