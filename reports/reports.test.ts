import t from 'tap';
import { PassThrough } from 'node:stream';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath, renderPdf } from './pdf.js';
import { renderHtmlReport } from './html.js';
import { FORMATS, writeReport, type ReportFormat } from './index.js';
import { ASFF_BATCH_SIZE } from './asff.js';
import { sampleContext, sampleFindings } from './testing/sample.js';
import type { ReportFinding } from './types.js';

async function render(format: ReportFormat, findings: ReportFinding[] = sampleFindings()): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
  await writeReport(format, sampleContext(), findings, out);
  out.end();
  return Buffer.concat(chunks);
}

/** A minimal RFC 4180 reader, to check the CSV round-trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else field += c;
  }
  return rows;
}

t.test('CSV: a header and one row a finding, quoting and formula injection handled', async (t) => {
  const rows = parseCsv((await render('csv')).toString());
  t.equal(rows.length, 1 + sampleFindings().length);
  const header = rows[0];
  const resource = header.indexOf('resource_id');
  t.equal(rows[2][resource], 'arn:aws:s3:::acme-web, "quoted"', 'commas and quotes survive');
  t.equal(rows[2][header.indexOf('message')], `'=HYPERLINK("x") bucket has no block`, 'a leading = is neutralised');
  t.match(rows[2][header.indexOf('suppressed')], /exc-1/);
  t.match(rows[1][header.indexOf('frameworks')], /cis-aws-3\.0\.0:2\.1\.4/);
});

t.test('JSON and NDJSON carry every finding', async (t) => {
  const doc = JSON.parse((await render('json')).toString());
  t.equal(doc.format, 'parapet.findings/v1');
  t.equal(doc.findings.length, sampleFindings().length);
  t.equal(doc.context.bundle.name, 'cis-aws');
  const lines = (await render('ndjson')).toString().trim().split('\n').map((l) => JSON.parse(l));
  t.equal(lines.length, sampleFindings().length);
});

t.test('SARIF 2.1.0: rules in the driver, failures and errors as results, suppressions kept', async (t) => {
  const sarif = JSON.parse((await render('sarif')).toString());
  t.equal(sarif.version, '2.1.0');
  const run = sarif.runs[0];
  t.equal(run.tool.driver.rules.length, 2);
  t.equal(run.tool.driver.rules[0].properties['security-severity'], '8.0');
  t.equal(run.results.length, 3, 'PASS outcomes are not results');
  const [first, suppressed, error] = run.results;
  t.equal(first.level, 'error');
  t.equal(first.locations[0].logicalLocations[0].fullyQualifiedName, 'arn:aws:s3:::acme-logs');
  t.equal(run.tool.driver.rules[first.ruleIndex].id, first.ruleId, 'ruleIndex points at the rule');
  t.equal(suppressed.suppressions[0].status, 'accepted');
  t.equal(error.kind, 'review');
  t.not(first.partialFingerprints['parapetFinding/v1'], suppressed.partialFingerprints['parapetFinding/v1']);
});

t.test('OCSF: Compliance Finding events (class 2003)', async (t) => {
  const events = JSON.parse((await render('ocsf')).toString());
  t.equal(events.length, sampleFindings().length);
  const [fail, suppressed, pass] = events;
  t.equal(fail.class_uid, 2003);
  t.equal(fail.type_uid, 200301, 'a new finding is activity Create');
  t.equal(fail.severity_id, 4);
  t.equal(fail.compliance.status_id, 3);
  t.same(fail.compliance.standards, ['cis-aws-3.0.0', 'pci-dss-4.0', 'nist-800-53-r5']);
  t.equal(fail.cloud.account.uid, '111122223333');
  t.equal(suppressed.status, 'Suppressed');
  t.equal(suppressed.activity_id, 2, 'a reopened finding is an Update');
  t.equal(pass.compliance.status, 'Pass');
  t.equal(fail.metadata.version, '1.1.0');
});

t.test('ASFF: batches of at most 100, only AWS findings', async (t) => {
  const many: ReportFinding[] = [];
  for (let i = 0; i < 250; i++) many.push({ ...sampleFindings()[0], resource_id: `arn:aws:s3:::bucket-${i}` });
  many.push(sampleFindings()[4]);
  const batches = JSON.parse((await render('asff', many)).toString());
  t.same(batches.map((b: unknown[]) => b.length), [ASFF_BATCH_SIZE, ASFF_BATCH_SIZE, 50], 'the GCP finding is skipped');
  const f = batches[0][0];
  t.equal(f.SchemaVersion, '2018-10-08');
  t.equal(f.ProductArn, 'arn:aws:securityhub:eu-west-1:111122223333:product/111122223333/default');
  t.equal(f.Resources[0].Type, 'AwsS3Bucket');
  t.equal(f.Compliance.Status, 'FAILED');
  t.equal(f.Severity.Label, 'HIGH');
  t.ok(new Set(batches.flat().map((x: { Id: string }) => x.Id)).size === 250, 'ids are unique');
});

t.test('every format renders', async (t) => {
  t.same([...FORMATS].sort(), ['asff', 'csv', 'html', 'json', 'ndjson', 'ocsf', 'pdf', 'sarif']);
});

t.test('the HTML report in headless Chromium shows its sections', async (t) => {
  const html = await renderHtmlReport(sampleContext(), sampleFindings());
  t.notMatch(html, /<script|https?:\/\/(?!www\.w3\.org)/, 'self-contained: no script, nothing fetched');
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  t.teardown(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.setContent(html);
  const screenshot = await page.screenshot({ fullPage: true });
  t.ok(screenshot.length > 10_000, 'a real screenshot');
  t.same(requests, [], 'the page fetched nothing');
  t.equal(await page.locator('h2').first().innerText(), 'CIS Amazon Web Services Foundations Benchmark 3.0.0');
  t.match(await page.locator('.score').first().innerText(), /50%/);
  t.equal(await page.locator('svg.chart g').count(), 2, 'one bar per decided section');
  const failing = page.locator('article.control');
  t.equal(await failing.count(), 1, 'the one failing control');
  const text = await failing.innerText();
  t.match(text, /2\.1\.4/);
  t.match(text, /acme-logs/);
  t.notMatch(text, /acme-web/, 'suppressed findings are not listed as failing');
  t.match(text, /Remediation\. Turn on all four/);
});

t.test('PDF from the same page', async (t) => {
  const pdf = await renderPdf(await renderHtmlReport(sampleContext(), sampleFindings()));
  t.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  t.ok(pdf.length > 5_000);
  t.match(pdf.toString('latin1'), /\/Type\s*\/Page\b/);
});
