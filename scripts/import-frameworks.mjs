#!/usr/bin/env node
// Regenerates policies/frameworks/*.json from the reference control lists in
// ../shared/frameworks (CSV). Run it when a reference list changes; the JSON
// catalogs are committed data. Hand-kept fields (needs_data) survive a rerun.
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.argv[2] ?? join(root, '..', 'shared', 'frameworks');

const frameworks = [
  { id: 'cis-aws-3.0.0', file: 'cis-aws-3.0.0.csv', name: 'CIS Amazon Web Services Foundations Benchmark', version: '3.0.0', kind: 'cis' },
  { id: 'cis-gcp-3.0.0', file: 'cis-gcp-3.0.0.csv', name: 'CIS Google Cloud Platform Foundation Benchmark', version: '3.0.0', kind: 'cis' },
  { id: 'cis-azure-2.1.0', file: 'cis-azure-2.1.0.csv', name: 'CIS Microsoft Azure Foundations Benchmark', version: '2.1.0', kind: 'cis' },
  { id: 'pci-dss-4.0', file: 'pci-dss-4.0.csv', name: 'PCI DSS', version: '4.0', kind: 'pci' },
  { id: 'hipaa', file: 'hipaa-security-rule.csv', name: 'HIPAA Security Rule (45 CFR 164.308-164.316)', version: '2013', kind: 'hipaa' },
  { id: 'nist-800-53-r5', file: 'nist-800-53-r5.csv', name: 'NIST SP 800-53', version: 'rev5', kind: 'nist' },
];

// RFC 4180: quoted fields may hold commas, quotes ("") and line breaks.
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  const [header, ...body] = rows.filter((r) => r.length > 1 || r[0]);
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

const PCI_NAMES = {
  1: 'Install and maintain network security controls', 2: 'Apply secure configurations to all system components',
  3: 'Protect stored account data', 4: 'Protect cardholder data with strong cryptography during transmission',
  5: 'Protect all systems and networks from malicious software', 6: 'Develop and maintain secure systems and software',
  7: 'Restrict access to system components and cardholder data by business need to know',
  8: 'Identify users and authenticate access to system components', 9: 'Restrict physical access to cardholder data',
  10: 'Log and monitor all access to system components and cardholder data', 11: 'Test security of systems and networks regularly',
  12: 'Support information security with organizational policies and programs',
  A1: 'Additional requirements for multi-tenant service providers', A2: 'Additional requirements for entities using SSL/early TLS',
  A3: 'Designated Entities Supplemental Validation (DESV)',
};

for (const fw of frameworks) {
  const rows = parseCsv(readFileSync(join(shared, fw.file), 'utf8'));
  // One folder a framework: opa loads every JSON file under policies/ as data, at its folder's path.
  const out = join(root, 'policies', 'frameworks', fw.id, 'catalog.json');
  mkdirSync(dirname(out), { recursive: true });
  const kept = existsSync(out)
    ? new Map(JSON.parse(readFileSync(out, 'utf8')).controls.map((c) => [c.id, c]))
    : new Map();
  const controls = rows.map((r) => {
    let control;
    switch (fw.kind) {
      case 'cis':
        control = { id: r.id, title: r.title, section: r.section, level: Number(r.level), automated: r.automated === 'true' };
        break;
      case 'pci':
        control = { id: r.id, title: r.title, section: `${r.principal_requirement} ${PCI_NAMES[r.principal_requirement] ?? ''}`.trim(), automated: false };
        break;
      case 'hipaa':
        control = { id: r.id, title: r.title, section: r.standard, kind: r.kind, automated: false };
        break;
      case 'nist':
        control = { id: r.id, title: r.title, section: r.family, automated: false, ...(r.withdrawn === 'true' ? { withdrawn: true } : {}) };
        break;
    }
    const old = kept.get(r.id);
    if (old?.needs_data) control.needs_data = old.needs_data;
    return control;
  });
  const catalog = {
    id: fw.id, name: fw.name, version: fw.version,
    source: `../shared/frameworks/${fw.file} (see its README for the upstream sources)`,
    controls,
  };
  writeFileSync(out, JSON.stringify(catalog, null, 2) + '\n');
  console.log(`${fw.id}: ${controls.length} controls`);
}
