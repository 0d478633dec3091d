/**
 * Findings: filter by any field, search, sort, paginate — all on the server,
 * so 100,000 findings page as fast as 100 — and export what the filter shows as CSV.
 * The filter lives in the URL, so links and the back button keep it.
 */
import { useEffect, useState } from 'preact/hooks';
import { download, getJson, query, type Finding, type FrameworkSummary } from '../api';
import type { Session } from '../main';
import { Async, FindingStatus, href, PROVIDER_NAMES, SeverityBadge, useLoad, when } from '../ui';
import { AcceptRisk } from './exceptions';

const FILTERS = ['q', 'severity', 'status', 'provider', 'account', 'region', 'resource_type', 'rule', 'framework', 'suppressed'] as const;
type FilterKey = (typeof FILTERS)[number];

const COLUMNS: Array<{ key: string; label: string; sort?: string }> = [
  { key: 'severity', label: 'Severity', sort: 'severity' },
  { key: 'title', label: 'Rule', sort: 'rule_id' },
  { key: 'resource', label: 'Resource', sort: 'resource_id' },
  { key: 'account', label: 'Account', sort: 'account' },
  { key: 'region', label: 'Region', sort: 'region' },
  { key: 'status', label: 'Status', sort: 'status' },
  { key: 'last_seen', label: 'Last seen', sort: 'last_seen' },
];

function setParams(next: Record<string, string | undefined>): void {
  location.hash = href(['findings'], next);
}

export function FindingsView({ params, session }: { params: URLSearchParams; session: Session }) {
  const current = Object.fromEntries([...params.entries()]) as Record<string, string>;
  // The default view is what still fails: new, open and reopened findings.
  const status = current.status ?? 'active';
  const sort = current.sort ?? 'severity';
  const order = current.order ?? 'asc';
  const limit = Number(current.limit ?? 50);
  const offset = Number(current.offset ?? 0);
  const apiQuery = {
    q: current.q,
    severity: current.severity,
    ...(status === 'active' ? { active: 'true' } : status === 'all' ? {} : { status }),
    provider: current.provider,
    account: current.account,
    region: current.region,
    resource_type: current.resource_type,
    rule: current.rule,
    framework: current.framework,
    suppressed: current.suppressed,
    sort,
    order,
  };
  const key = JSON.stringify({ ...apiQuery, limit, offset });
  const [data, reload] = useLoad(() => getJson<{ total: number; findings: Finding[] }>(`/v1/findings${query({ ...apiQuery, limit, offset })}`), [key]);
  const [frameworks] = useLoad(() => getJson<{ frameworks: FrameworkSummary[] }>('/v1/compliance').catch(() => ({ frameworks: [] })), []);
  const [q, setQ] = useState(current.q ?? '');
  useEffect(() => setQ(current.q ?? ''), [current.q]);
  const [exporting, setExporting] = useState<string | null>(null);

  const update = (changes: Partial<Record<FilterKey | 'sort' | 'order' | 'limit' | 'offset', string | undefined>>) => {
    const next: Record<string, string | undefined> = { ...current, ...changes };
    // A new filter starts at the first page.
    if (!('offset' in changes)) delete next.offset;
    setParams(next);
  };
  const sortBy = (field: string) => update({ sort: field, order: sort === field && order === 'asc' ? 'desc' : 'asc' });
  const exportCsv = async () => {
    setExporting('Preparing the CSV…');
    try {
      await download(`/v1/findings${query({ ...apiQuery, format: 'csv' })}`, 'parapet-findings.csv');
      setExporting('CSV downloaded.');
    } catch (err) {
      setExporting(`Export failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  const select = (name: FilterKey, label: string, options: Array<[string, string]>, value = current[name] ?? '') => (
    <label>
      {label}
      <select name={name} value={value} onChange={(e) => update({ [name]: e.currentTarget.value || undefined })}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
  const text = (name: FilterKey, label: string, placeholder: string) => (
    <label>
      {label}
      <input
        name={name}
        type="text"
        defaultValue={current[name] ?? ''}
        key={`${name}-${current[name] ?? ''}`}
        placeholder={placeholder}
        onChange={(e) => update({ [name]: e.currentTarget.value.trim() || undefined })}
      />
    </label>
  );

  return (
    <>
      <h1 tabIndex={-1}>Findings</h1>
      <form
        class="filters"
        role="search"
        aria-label="Filter findings"
        onSubmit={(e) => {
          e.preventDefault();
          update({ q: q.trim() || undefined });
        }}
      >
        <label class="grow">
          Search
          <input name="q" type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} placeholder="rule, title, resource, message, account" />
        </label>
        <button type="submit">Search</button>
        {select('severity', 'Severity', [['', 'Any'], ['critical', 'Critical'], ['high', 'High'], ['medium', 'Medium'], ['low', 'Low'], ['info', 'Info']])}
        {select('status', 'Status', [['active', 'Failing (new, open, reopened)'], ['new', 'New'], ['open', 'Open'], ['reopened', 'Reopened'], ['resolved', 'Resolved'], ['all', 'All']], status)}
        {select('provider', 'Cloud', [['', 'Any'], ['aws', 'AWS'], ['gcp', 'Google Cloud'], ['azure', 'Azure']])}
        {select('suppressed', 'Exceptions', [['', 'Any'], ['false', 'Not suppressed'], ['true', 'Suppressed']])}
        {frameworks.state === 'ok' &&
          select('framework', 'Framework', [['', 'Any'], ...frameworks.data.frameworks.map((f): [string, string] => [f.id, `${f.name} ${f.version}`])])}
        {text('account', 'Account', 'id')}
        {text('region', 'Region', 'e.g. us-east-1')}
        {text('resource_type', 'Resource type', 'e.g. AWS::S3::Bucket')}
        {text('rule', 'Rule id', 'e.g. aws.s3.…')}
        {Object.keys(current).some((k) => (FILTERS as readonly string[]).includes(k)) && (
          <a href="#/findings" class="clear">
            Clear filters
          </a>
        )}
      </form>
      <Async value={data} label="findings">
        {(d) => (
          <>
            <div class="toolbar">
              <p aria-live="polite" id="findings-count">
                {d.total === 0 ? 'No findings match.' : `Showing ${offset + 1}–${offset + d.findings.length} of ${d.total.toLocaleString('en')} findings`}
              </p>
              <button type="button" class="secondary" onClick={() => void exportCsv()} disabled={d.total === 0}>
                Export CSV ({d.total.toLocaleString('en')})
              </button>
              {exporting && (
                <span role="status" class="muted small">
                  {exporting}
                </span>
              )}
            </div>
            <table class="findings">
              <caption class="sr-only">Findings, sorted by {sort} {order === 'asc' ? 'ascending' : 'descending'}</caption>
              <thead>
                <tr>
                  {COLUMNS.map((c) => (
                    <th scope="col" key={c.key} aria-sort={c.sort === sort ? (order === 'asc' ? 'ascending' : 'descending') : undefined}>
                      {c.sort ? (
                        <button type="button" class="sort" onClick={() => sortBy(c.sort!)}>
                          {c.label}
                          <span aria-hidden="true">{c.sort === sort ? (order === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                        </button>
                      ) : (
                        c.label
                      )}
                    </th>
                  ))}
                  {session.can('exceptions:write') && <th scope="col">Action</th>}
                </tr>
              </thead>
              <tbody>
                {d.findings.map((f) => (
                  <tr key={`${f.rule_id} ${f.resource_id}`} data-rule={f.rule_id} data-resource={f.resource_id}>
                    <td>
                      <SeverityBadge severity={f.severity} />
                    </td>
                    <td>
                      {f.title}
                      <div class="mono small muted">{f.rule_id}</div>
                    </td>
                    <td>
                      <a href={href(['resources', f.resource_id])} class="mono wrap">
                        {f.resource_id}
                      </a>
                      <div class="small muted">
                        {PROVIDER_NAMES[f.provider] ?? f.provider} · {f.resource_type}
                      </div>
                    </td>
                    <td class="mono">{f.account}</td>
                    <td>{f.region}</td>
                    <td>
                      <FindingStatus status={f.status} suppressed={f.suppressed_by} />
                    </td>
                    <td class="small">{when(f.last_seen)}</td>
                    {session.can('exceptions:write') && (
                      <td>{f.status !== 'resolved' && !f.suppressed_by && <AcceptRisk finding={f} onDone={reload} />}</td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
            <nav class="pager" aria-label="Pages">
              <button type="button" class="secondary" disabled={offset === 0} onClick={() => update({ offset: String(Math.max(0, offset - limit)) })}>
                Previous
              </button>
              <span>
                Page {Math.floor(offset / limit) + 1} of {Math.max(1, Math.ceil(d.total / limit))}
              </span>
              <button type="button" class="secondary" disabled={offset + limit >= d.total} onClick={() => update({ offset: String(offset + limit) })}>
                Next
              </button>
              <label>
                Per page
                <select value={String(limit)} onChange={(e) => update({ limit: e.currentTarget.value })}>
                  {[25, 50, 100, 250].map((n) => (
                    <option key={n} value={String(n)}>
                      {n}
                    </option>
                  ))}
                </select>
              </label>
            </nav>
          </>
        )}
      </Async>
    </>
  );
}
