/**
 * The IAM credential report is a CSV (RFC 4180) whose first row names the
 * columns. Each data row becomes an object keyed by those names, values kept
 * as the report's own strings ("true", "N/A", "no_information", ISO dates).
 */
import { ParapetError } from '../../common/errors.js';

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += ch;
  }
  if (quoted) throw new ParapetError('aws_credential_report_invalid', 'the IAM credential report ends inside a quoted field');
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

export function parseCredentialReport(csv: string): Array<Record<string, string>> {
  const [header, ...rows] = parseCsv(csv);
  if (!header || !header.includes('user') || !header.includes('arn')) {
    throw new ParapetError('aws_credential_report_invalid', 'the IAM credential report has no header row with user and arn columns');
  }
  return rows.map((cells, n) => {
    if (cells.length !== header.length) {
      throw new ParapetError('aws_credential_report_invalid', `row ${n + 2} of the IAM credential report has ${cells.length} fields, the header ${header.length}`);
    }
    return Object.fromEntries(header.map((name, i) => [name, cells[i]]));
  });
}
