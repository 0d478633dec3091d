/**
 * The compliance report: one self-contained HTML page (inline CSS and SVG, no
 * script, nothing fetched), a section per framework with its score, a chart of
 * the score per section, and every failing control with its failing resources
 * and the rules' remediation. Chromium prints the same page to PDF (pdf.ts).
 */
import type { RuleMetadata } from '../engine/bundle/types.js';
import type { ControlResult, FrameworkSummary } from '../engine/findings/types.js';
import type { Findings, ReportContext, ReportFinding } from './types.js';

/** Failing resources listed per rule before "and N more". */
const RESOURCES_PER_RULE = 25;

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

interface FailuresByRule {
  shown: ReportFinding[];
  total: number;
}

async function collectFailures(findings: Findings): Promise<Map<string, FailuresByRule>> {
  const byRule = new Map<string, FailuresByRule>();
  for await (const f of findings) {
    if (f.status !== 'FAIL' || f.suppressed) continue;
    const entry = byRule.get(f.rule_id) ?? { shown: [], total: 0 };
    entry.total++;
    if (entry.shown.length < RESOURCES_PER_RULE) entry.shown.push(f);
    byRule.set(f.rule_id, entry);
  }
  return byRule;
}

function sectionOf(control: ControlResult): string {
  return control.section.split(' > ')[0] || 'Other';
}

/** Score per top-level section, as horizontal SVG bars. */
function sectionChart(framework: FrameworkSummary): string {
  const sections = new Map<string, { passed: number; decided: number }>();
  for (const c of framework.controls) {
    const s = sections.get(sectionOf(c)) ?? { passed: 0, decided: 0 };
    if (c.status === 'passed') s.passed++;
    if (c.status === 'passed' || c.status === 'failed' || c.status === 'error') s.decided++;
    sections.set(sectionOf(c), s);
  }
  const rows = [...sections].filter(([, s]) => s.decided > 0);
  if (rows.length === 0) return '<p class="muted">No control of this framework was decided by this scan.</p>';
  const rowHeight = 26;
  const width = 720;
  const labelWidth = 300;
  const bars = rows
    .map(([name, s], i) => {
      const pct = Math.round((100 * s.passed) / s.decided);
      const y = i * rowHeight;
      const w = Math.round(((width - labelWidth - 60) * pct) / 100);
      const color = pct >= 80 ? '#1a7f37' : pct >= 50 ? '#9a6700' : '#cf222e';
      return `<g transform="translate(0,${y})"><text x="0" y="17" class="label">${escapeHtml(name.slice(0, 42))}</text>` +
        `<rect x="${labelWidth}" y="4" width="${width - labelWidth - 60}" height="16" fill="#eaeef2"/>` +
        `<rect x="${labelWidth}" y="4" width="${w}" height="16" fill="${color}"/>` +
        `<text x="${width - 52}" y="17" class="value">${pct}%</text></g>`;
    })
    .join('');
  return `<svg role="img" aria-label="Score per section" class="chart" viewBox="0 0 ${width} ${rows.length * rowHeight}" width="${width}" height="${rows.length * rowHeight}">${bars}</svg>`;
}

function statusBadge(status: string): string {
  return `<span class="badge s-${status}">${escapeHtml(status.replace('_', ' '))}</span>`;
}

function failingControl(control: ControlResult, rules: Map<string, RuleMetadata>, failures: Map<string, FailuresByRule>): string {
  const ruleBlocks = control.rules
    .map((id) => {
      const rule = rules.get(id);
      const failed = failures.get(id);
      if (!failed) return '';
      const items = failed.shown
        .map((f) => `<li><code>${escapeHtml(f.resource_id)}</code> <span class="muted">(${escapeHtml(f.account)}, ${escapeHtml(f.region)})</span><br>${escapeHtml(f.message)}</li>`)
        .join('');
      const more = failed.total > failed.shown.length ? `<li class="muted">and ${failed.total - failed.shown.length} more</li>` : '';
      const remediation = rule
        ? `<div class="remediation"><strong>Remediation.</strong> ${escapeHtml(rule.remediation.text)}${rule.remediation.cli ? `<pre>${escapeHtml(rule.remediation.cli)}</pre>` : ''}</div>`
        : '';
      return `<div class="rule"><h4>${escapeHtml(rule?.title ?? id)} <span class="badge sev-${rule?.severity ?? 'info'}">${escapeHtml(rule?.severity ?? '')}</span> <code class="muted">${escapeHtml(id)}</code></h4><ul class="resources">${items}${more}</ul>${remediation}</div>`;
    })
    .join('');
  return `<article class="control"><h3>${escapeHtml(control.id)} ${escapeHtml(control.title)} ${statusBadge(control.status)}</h3><p class="muted">${escapeHtml(control.section)} · ${control.fail} failed, ${control.pass} passed</p>${ruleBlocks}</article>`;
}

function frameworkSection(framework: FrameworkSummary, rules: Map<string, RuleMetadata>, failures: Map<string, FailuresByRule>): string {
  const counts = framework.counts;
  const tiles = (['passed', 'failed', 'error', 'no_resources', 'not_covered', 'manual'] as const)
    .map((k) => `<div class="tile s-${k}"><div class="n">${counts[k] ?? 0}</div><div>${k.replace('_', ' ')}</div></div>`)
    .join('');
  const failing = framework.controls.filter((c) => c.status === 'failed');
  const failingHtml = failing.length
    ? failing.map((c) => failingControl(c, rules, failures)).join('')
    : '<p>No failing control.</p>';
  const table = framework.controls
    .map((c) => `<tr><td>${escapeHtml(c.id)}</td><td>${escapeHtml(c.title)}</td><td>${statusBadge(c.status)}</td><td>${c.pass}</td><td>${c.fail}</td><td>${c.error}</td></tr>`)
    .join('');
  return `<section class="framework" id="fw-${escapeHtml(framework.id)}">
<h2>${escapeHtml(framework.name)} ${escapeHtml(framework.version)}</h2>
<p class="score">Score <strong>${framework.score === null ? 'n/a' : `${framework.score}%`}</strong> of the controls this scan decided</p>
<div class="tiles">${tiles}</div>
<h3>Score per section</h3>${sectionChart(framework)}
<h3>Failing controls</h3>${failingHtml}
<details><summary>All ${framework.controls.length} controls</summary><table><thead><tr><th>Control</th><th>Title</th><th>Status</th><th>Pass</th><th>Fail</th><th>Error</th></tr></thead><tbody>${table}</tbody></table></details>
</section>`;
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Liberation Sans",sans-serif;color:#1f2328;margin:0 auto;max-width:1000px;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{border-bottom:2px solid #d0d7de;padding-bottom:4px;margin-top:40px}
.muted{color:#57606a}code{font-size:12px}pre{background:#f6f8fa;padding:8px;white-space:pre-wrap}
.tiles{display:flex;gap:8px;flex-wrap:wrap}.tile{border:1px solid #d0d7de;border-radius:6px;padding:8px 14px;min-width:90px;text-align:center}
.tile .n{font-size:22px;font-weight:600}.chart .label,.chart .value{font-size:12px;fill:#1f2328}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600;border:1px solid #d0d7de}
.s-passed{color:#1a7f37}.s-failed{color:#cf222e}.s-error{color:#9a6700}.s-not_covered,.s-manual,.s-no_resources{color:#57606a}
.sev-critical{background:#ffebe9;color:#a40e26}.sev-high{background:#fff1e5;color:#bc4c00}.sev-medium{background:#fff8c5;color:#7d4e00}.sev-low,.sev-info{background:#ddf4ff;color:#0550ae}
.control{border-left:4px solid #cf222e;padding:4px 12px;margin:12px 0;break-inside:avoid}.rule h4{margin:8px 0 4px}
.resources{margin:4px 0 8px 0;padding-left:20px}.remediation{background:#f6f8fa;padding:8px;border-radius:6px}
table{border-collapse:collapse;width:100%;font-size:12px}td,th{border-bottom:1px solid #eaeef2;padding:4px;text-align:left}
@media print{details{display:block}details>summary{display:none}}
`;

export async function renderHtmlReport(context: ReportContext, findings: Findings): Promise<string> {
  const rules = new Map(context.rules.map((r) => [r.id, r]));
  const failures = await collectFailures(findings);
  const title = context.title ?? 'Parapet compliance report';
  const scan = context.scan
    ? `Scan ${escapeHtml(context.scan.id)} of <strong>${escapeHtml(context.scan.target)}</strong>, started ${escapeHtml(context.scan.started_at)}`
    : 'Evaluation';
  const toc = context.frameworks
    .map((f) => `<li><a href="#fw-${escapeHtml(f.id)}">${escapeHtml(f.name)} ${escapeHtml(f.version)}</a> — ${f.score === null ? 'n/a' : `${f.score}%`}</li>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><header><h1>${escapeHtml(title)}</h1>
<p class="muted">${scan} · bundle ${escapeHtml(context.bundle.name)} ${escapeHtml(context.bundle.version)} · generated ${escapeHtml(context.generated_at)}</p>
<nav aria-label="Frameworks"><ul>${toc}</ul></nav></header>
<main>${context.frameworks.map((f) => frameworkSection(f, rules, failures)).join('\n')}</main>
</body></html>
`;
}
