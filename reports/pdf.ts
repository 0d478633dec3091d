/**
 * PDF from the HTML report, printed by Debian's Chromium through playwright-core
 * (no browser download; `/usr/bin/chromium` or $PARAPET_CHROMIUM).
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { ParapetError } from '../common/errors.js';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export function chromiumPath(): string {
  const path = process.env.PARAPET_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new ParapetError('chromium_not_found', `Chromium was not found at ${path}; install Debian's chromium package or set PARAPET_CHROMIUM`);
  }
  return path;
}

export async function renderPdf(html: string): Promise<Buffer> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    // The report is self-contained: refuse any request it might still make.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, margin: { top: '12mm', bottom: '12mm', left: '10mm', right: '10mm' } });
  } finally {
    await browser.close();
  }
}
