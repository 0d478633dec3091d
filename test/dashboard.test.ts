/**
 * The dashboard in Debian's Chromium (playwright-core): the real server on
 * 127.0.0.1 with a store holding two scans of the example estate. Signs in
 * with a token, reads the overview, drills from a framework control to a
 * resource, accepts a risk from a finding and sees it suppressed, exports CSV,
 * expires the exception, checks a read-only token sees no write action, and
 * takes screenshots whose page text is checked when they are taken.
 * Set PARAPET_SCREENSHOT_DIR to keep the PNGs.
 */
import t from 'tap';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { fromRoot } from '../common/paths.js';
import { CHROMIUM_ARGS, chromiumPath } from '../reports/pdf.js';
import { fixtureBundle, tempDir } from '../server/testing.js';
import { estateServer, type EstateFixture } from '../server/routes/posture/testing.js';

const { dir, remove } = tempDir('parapet-dashboard-');
const shots = process.env.PARAPET_SCREENSHOT_DIR ?? mkdtempSync(join(tmpdir(), 'parapet-shots-'));
mkdirSync(shots, { recursive: true });
let fx: EstateFixture;
let browser: Browser;
let writer: string;
let reader: string;
let allVersion: string;
/** Requests the page made to anything but the server: there must be none (no CDN). */
const foreign: string[] = [];

t.before(async () => {
  // The suite builds the dashboard (`make build`); a bare `tsc` run may not have.
  if (!existsSync(fromRoot('dist', 'web', 'index.html'))) {
    execFileSync('npm', ['run', '--silent', 'build:web'], { cwd: fromRoot(), stdio: 'inherit' });
  }
  fx = await estateServer(dir);
  // A published, active bundle for the Bundles view.
  allVersion = (await fx.server.context.store.bundles.versions('all'))[0]!.version;
  await fx.server.context.registry.activate('all', allVersion, 'release-bot');
  // A small bundle with two versions, for activate and roll back.
  for (const version of ['1.0.0', '1.1.0']) await fx.server.context.registry.publish(await fixtureBundle(dir, 'guardrails', version), 'release-bot');
  await fx.server.context.registry.activate('guardrails', '1.0.0', 'release-bot');
  writer = (await fx.server.context.store.tokens.create({ name: 'security-lead', scopes: 'scans:read,exceptions:write,bundles:read,bundles:write' })).token;
  reader = (await fx.server.context.store.tokens.create({ name: 'auditor', scopes: 'scans:read,bundles:read' })).token;
  browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
});

t.teardown(async () => {
  await browser?.close();
  await fx?.server.close();
  remove();
  if (!process.env.PARAPET_SCREENSHOT_DIR) rmSync(shots, { recursive: true, force: true });
});

async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(fx.server.url) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    foreign.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('dialog', (d) => void d.accept());
  return { context, page };
}

async function signIn(page: Page, token: string): Promise<void> {
  await page.goto(fx.server.url);
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
}

/** Polls a condition the page reaches asynchronously (the page's CSP forbids string waitForFunction). */
async function until(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Follows a link of the main navigation. */
async function nav(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
}

/** A full-page screenshot, and the text of the page as it was when it was taken. */
async function shot(page: Page, name: string): Promise<string> {
  const text = await page.locator('body').innerText();
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  return text;
}

t.test('sign-in rejects an unknown token and keeps a good one in the tab', async (t) => {
  const { context, page } = await newPage();
  await page.goto(fx.server.url);
  t.equal(await page.title(), 'Parapet — cloud security posture');
  await page.getByLabel('API token').fill('ppt_0000000000000000_not-a-real-token-aaaaaaaaaaaaaaaaaaaaaaaaaa');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').waitFor();
  t.match(await page.getByRole('alert').innerText(), /unknown or revoked/);
  await page.getByLabel('API token').fill(writer);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  t.equal(await page.evaluate("sessionStorage.getItem('parapet.token')"), writer, 'the token is in session storage');
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('API token').waitFor();
  t.equal(await page.evaluate("sessionStorage.getItem('parapet.token')"), null, 'signing out forgets it');
  await context.close();
});

t.test('overview, compliance drill-down, exception from a finding, CSV, expiry', async (t) => {
  const { context, page } = await newPage();
  await signIn(page, writer);

  // Overview: score, trend, breakdowns, top rules, changes since the last scan.
  await page.getByRole('heading', { name: /Open findings by severity/ }).waitFor();
  await page.getByRole('heading', { name: 'Since the last scan' }).waitFor();
  await page.getByText(/Scan \d+ against scan \d+/).waitFor();
  const overview = await shot(page, '1-overview');
  t.match(overview, /Signed in as security-lead/);
  t.match(overview, /Posture score/);
  t.match(overview, /\d+\.\d%/, 'a score in percent');
  t.match(overview, /scan \d+: \d+\.\d%, scan \d+: \d+\.\d%/, 'the trend over both scans');
  for (const cloud of ['AWS', 'Google Cloud', 'Azure']) t.match(overview, cloud);
  for (const account of new Set(fx.resources.map((r) => r.account))) t.match(overview, account, `account ${account}`);
  t.match(overview, /Top failing rules/);
  t.match(overview, /CIS Amazon Web Services Foundations Benchmark 3\.0\.0/);
  const diff = /(\d+) new, (\d+) reopened, (\d+) resolved/.exec(overview);
  t.ok(diff && Number(diff[1]) > 0 && Number(diff[3]) > 0, `changes: ${diff?.[0]}`);

  // Compliance → framework → a failed control → one of its failing resources.
  await nav(page, 'Compliance');
  await page.getByRole('link', { name: 'CIS Amazon Web Services Foundations Benchmark' }).click();
  await page.getByRole('heading', { level: 1, name: /CIS Amazon Web Services Foundations Benchmark 3\.0\.0/ }).waitFor();
  await page.getByLabel('Status').selectOption('failed');
  const framework = await shot(page, '2-framework');
  t.match(framework, /\d+ of \d+ controls/);
  const rows = page.locator('table.controls tbody tr');
  t.ok((await rows.count()) > 0, 'failed controls listed');
  t.ok(await rows.locator('.badge', { hasText: 'fail' }).first().isVisible());
  // A failed control one of whose failing resources is a resource of the snapshot.
  const known = new Set(fx.resources.map((r) => r.id));
  const perRow = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td a')].map((a) => a.textContent ?? '')));
  const index = perRow.findIndex((ids) => ids.some((id) => known.has(id)));
  t.ok(index >= 0, 'a failed control with a failing resource of the estate');
  const firstControl = rows.nth(index).locator('th a');
  const controlId = await firstControl.innerText();
  await firstControl.click();
  await page.getByRole('heading', { name: /Failing resources \(\d+\)/ }).waitFor();
  const control = await shot(page, '3-control');
  t.match(control, new RegExp(`Compliance › CIS Amazon Web Services Foundations Benchmark › ${controlId.replace(/\./g, '\\.')}`));
  t.match(control, /Rules/);
  t.match(control, /\d+ passing, \d+ failing, \d+ errors/);
  // A failing resource of the estate's snapshot (account-scope rules may also name e.g. a root user).
  const links = await page.locator('table tbody th a').allInnerTexts();
  const resourceId = links.find((id) => known.has(id));
  t.ok(resourceId, `a snapshot resource among ${links.length} failing`);
  await page.locator('table tbody th a', { hasText: resourceId! }).first().click();
  await page.getByRole('heading', { level: 2, name: /^Findings \(\d+\)$/ }).waitFor();
  const resource = await shot(page, '4-resource');
  t.match(resource, resourceId, 'the resource page of the clicked resource');
  t.match(resource, /Remediation/);
  t.match(resource, /Configuration/);
  t.match(resource, /Checks in scan \d+/);
  const config = await page.getByLabel('Resource configuration (JSON)').innerText();
  const snapshot = fx.resources.find((r) => r.id === resourceId);
  t.ok(snapshot, 'a resource of the estate');
  t.same(JSON.parse(config), JSON.parse(JSON.stringify(snapshot!.config)), 'its configuration from the scan snapshot');

  // Findings: filter, sort, then accept a risk from the first finding.
  await nav(page, 'Findings');
  await page.locator('#findings-count').waitFor();
  const all = Number(/of ([\d,]+) findings/.exec(await page.locator('#findings-count').innerText())![1]!.replace(/,/g, ''));
  const api = await fx.server.app.inject({ method: 'GET', url: '/v1/findings?active=true&limit=1', headers: { authorization: `Bearer ${writer}` } });
  t.equal(all, api.json().total, 'the count is the server’s total of failing findings');
  await page.getByLabel('Severity').selectOption('high');
  await page.waitForURL(/severity=high/);
  await page.locator('#findings-count').waitFor();
  await until(async () => {
    const badges = await page.locator('table.findings tbody tr td:first-child .badge').allInnerTexts();
    return badges.length > 0 && badges.every((b) => b === 'high');
  });
  const high = Number(/of ([\d,]+) findings/.exec(await page.locator('#findings-count').innerText())?.[1] ?? '0');
  t.ok(high > 0 && high < all, `high: ${high} of ${all}`);
  await page.getByRole('button', { name: /^Resource/ }).click();
  await page.waitForURL(/sort=resource_id/);
  await page.locator('th[aria-sort="ascending"]', { hasText: 'Resource' }).waitFor();
  t.equal(await page.locator('th[aria-sort="ascending"]').innerText(), 'Resource ▲');
  // The header updates before the re-sorted page arrives: wait for the rows themselves.
  const rowResources = () => page.locator('table.findings tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-resource') ?? ''));
  await until(async () => {
    const rows = await rowResources();
    return rows.length > 0 && rows.join('\n') === [...rows].sort().join('\n');
  });
  const resources = await rowResources();
  t.same(resources, [...resources].sort(), 'sorted by resource id');

  const row = page.locator('table.findings tbody tr').first();
  const ruleId = (await row.getAttribute('data-rule'))!;
  const findingResource = (await row.getAttribute('data-resource'))!;
  await row.getByRole('button', { name: /Accept risk/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Accept risk' });
  await dialog.getByLabel('Owner').fill('platform-team');
  await dialog.getByLabel('Reason').fill('Legacy bucket; migration planned for Q1');
  await dialog.getByRole('button', { name: 'Create exception' }).click();
  await dialog.waitFor({ state: 'hidden' });
  const marked = page.locator(`table.findings tbody tr[data-rule="${ruleId}"][data-resource="${findingResource}"]`);
  await marked.locator('.badge.suppressed').waitFor();
  const findings = await shot(page, '5-findings-suppressed');
  t.match(findings, /suppressed/);
  t.match(findings, /Showing 1–\d+ of [\d,]+ findings/);
  const stored = await fx.server.context.store.findings.get(ruleId, findingResource);
  t.match(stored?.suppressed_by, /^exc_/, 'the store marks the finding suppressed');

  // CSV export of what is shown (high findings, any page).
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Export CSV/ }).click()]);
  const csv = readFileSync((await download.path())!, 'utf8').trim().split('\r\n');
  t.match(csv[0], /^rule_id,title,severity/);
  t.equal(csv.length - 1, high, 'the CSV holds every finding of the filter');
  t.ok(csv.some((l) => l.includes(findingResource) && l.includes('platform-team')), 'with its suppression');

  // The suppressed-only filter finds it.
  await page.getByLabel('Exceptions').selectOption('true');
  await page.waitForURL(/suppressed=true/);
  await page.locator(`table.findings tbody tr[data-resource="${findingResource}"]`).waitFor();

  // Exceptions: listed with owner and creator, then expired.
  await nav(page, 'Exceptions');
  await page.getByRole('cell', { name: 'platform-team' }).waitFor();
  const exceptions = await shot(page, '6-exceptions');
  t.match(exceptions, /Legacy bucket; migration planned for Q1/);
  t.match(exceptions, /by security-lead/);
  t.match(exceptions, /active/);
  await page.getByRole('button', { name: /Expire exception exc_/ }).click();
  await page.getByText(/Exception exc_[0-9a-f]+ expired\./).waitFor();
  t.match(await page.locator('main').innerText(), /expired/);
  // The list re-renders after the confirmation: wait for the button to go, then check.
  await until(async () => (await page.getByRole('button', { name: /Expire exception/ }).count()) === 0);
  t.equal(await page.getByRole('button', { name: /Expire exception/ }).count(), 0);
  await page.getByText('History').click();
  await page.getByText(/: expire by security-lead/).waitFor();
  t.match(await page.locator('main').innerText(), /create by security-lead[\s\S]*expire by security-lead/, 'the audit trail');

  // Bundles: the active version, actions for a bundles:write token.
  await nav(page, 'Bundles');
  await page.getByRole('heading', { level: 2, name: /all/ }).waitFor();
  await page.getByRole('heading', { level: 2, name: /guardrails/ }).waitFor();
  await page.getByRole('button', { name: 'Activate guardrails 1.1.0' }).click();
  await page.getByText('Activated guardrails 1.1.0.').waitFor();
  await page.getByRole('heading', { level: 2, name: /guardrails\s+active 1\.1\.0/ }).waitFor();
  t.equal(fx.server.context.registry.get('guardrails')?.version, '1.1.0', 'the server serves the activated version');
  const bundles = await shot(page, '7-bundles');
  t.match(bundles, new RegExp(`all\\s+active ${allVersion.replace(/\./g, '\\.')}`));
  t.match(bundles, /guardrails\s+active 1\.1\.0/);
  t.match(bundles, /by fixture/);
  await page.getByRole('button', { name: 'Roll back to the previous version' }).click();
  await page.getByText('Rolled guardrails back.').waitFor();
  await page.getByRole('heading', { level: 2, name: /guardrails\s+active 1\.0\.0/ }).waitFor();
  t.equal(fx.server.context.registry.get('guardrails')?.version, '1.0.0', 'rolled back');
  await context.close();
});

t.test('a read-only token sees no write action', async (t) => {
  const { context, page } = await newPage();
  await signIn(page, reader);
  t.match(await page.locator('header').innerText(), /auditor[\s\S]*read-only/);
  await page.goto(`${fx.server.url}/#/findings`);
  await page.locator('#findings-count').waitFor();
  t.ok((await page.locator('table.findings tbody tr').count()) > 0, 'findings are shown');
  t.equal(await page.getByRole('button', { name: /Accept risk/ }).count(), 0, 'no Accept risk');
  t.equal(await page.getByRole('columnheader', { name: 'Action' }).count(), 0);
  const readOnly = await shot(page, '8-findings-read-only');
  t.match(readOnly, /Signed in as auditor/);
  t.notMatch(readOnly, /Accept risk/);

  const resourceLink = page.locator('table.findings tbody tr a').first();
  await resourceLink.click();
  await page.getByRole('heading', { level: 2, name: /^Findings/ }).waitFor();
  t.equal(await page.getByRole('button', { name: /Accept risk/ }).count(), 0, 'none on a resource page');

  await nav(page, 'Exceptions');
  await page.getByRole('cell', { name: 'platform-team' }).waitFor();
  t.equal(await page.getByRole('button', { name: /Expire/ }).count(), 0, 'no Expire');
  await nav(page, 'Bundles');
  await page.getByRole('heading', { level: 2, name: /all/ }).waitFor();
  t.equal(await page.getByRole('button', { name: /Activate|Roll back/ }).count(), 0, 'no Activate or Roll back');
  await context.close();
});

t.test('keyboard: skip link first, visible focus, views reachable by Tab and Enter', async (t) => {
  const { context, page } = await newPage();
  await signIn(page, reader);
  await page.keyboard.press('Tab');
  t.equal(await page.evaluate('document.activeElement?.textContent'), 'Skip to content');
  await page.keyboard.press('Tab');
  t.equal(await page.evaluate('document.activeElement?.textContent'), 'Overview');
  const outline = await page.evaluate('getComputedStyle(document.activeElement).outlineStyle');
  t.equal(outline, 'solid', 'focus is visible');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Compliance' }).waitFor();
  await until(async () => (await page.evaluate('document.activeElement?.tagName')) === 'H1');
  t.equal(await page.evaluate('document.activeElement?.textContent'), 'Compliance', 'focus moves to the new view’s heading');
  await context.close();
});

t.test('nothing was fetched from outside the server', async (t) => {
  t.same(foreign, []);
});
