/** Compliance: frameworks → every control with its status → a control's rules and failing resources. */
import { useState } from 'preact/hooks';
import { getJson, type Control, type FrameworkSummary, type Scan } from '../api';
import { Async, ControlStatus, href, ScoreValue, SeverityBadge, useLoad } from '../ui';

const STATUSES = ['failed', 'error', 'passed', 'no_resources', 'not_covered', 'manual'] as const;

function Frameworks() {
  const [data] = useLoad(() => getJson<{ scan: Scan; frameworks: FrameworkSummary[] }>('/v1/compliance'), []);
  return (
    <>
      <h1 tabIndex={-1}>Compliance</h1>
      <Async value={data} label="frameworks">
        {(d) => (
          <table>
            <caption>Frameworks evaluated by scan {d.scan.id} ({d.scan.target})</caption>
            <thead>
              <tr>
                <th scope="col">Framework</th>
                <th scope="col">Version</th>
                <th scope="col">Score</th>
                {STATUSES.map((s) => (
                  <th scope="col" class="num" key={s}>
                    <ControlStatus status={s} />
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {d.frameworks.map((f) => (
                <tr key={f.id}>
                  <th scope="row">
                    <a href={href(['compliance', f.id])}>{f.name}</a>
                  </th>
                  <td>{f.version}</td>
                  <td>
                    <ScoreValue score={f.score} />
                  </td>
                  {STATUSES.map((s) => (
                    <td class="num" key={s}>
                      {f.counts[s]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Async>
    </>
  );
}

function Framework({ id }: { id: string }) {
  const [data] = useLoad(() => getJson<{ scan: Scan; framework: FrameworkSummary & { controls: Control[] } }>(`/v1/compliance/${encodeURIComponent(id)}`), [id]);
  const [status, setStatus] = useState('');
  const [text, setText] = useState('');
  return (
    <Async value={data} label="the framework">
      {({ framework: fw, scan }) => {
        const shown = fw.controls.filter(
          (c) => (!status || c.status === status) && (!text || `${c.id} ${c.title} ${c.section}`.toLowerCase().includes(text.toLowerCase())),
        );
        return (
          <>
            <nav aria-label="Breadcrumb" class="crumbs">
              <a href="#/compliance">Compliance</a> › {fw.name}
            </nav>
            <h1 tabIndex={-1}>
              {fw.name} {fw.version}
            </h1>
            <p>
              Score <ScoreValue score={fw.score} /> in scan {scan.id}: {fw.counts.passed} passed, {fw.counts.failed} failed, {fw.counts.error} error,{' '}
              {fw.counts.no_resources} without resources, {fw.counts.not_covered} not covered, {fw.counts.manual} manual.
            </p>
            <div class="filters" role="search" aria-label="Filter controls">
              <label>
                Status
                <select value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
                  <option value="">Any</option>
                  {STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {s.replace('_', ' ')}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Search
                <input type="search" value={text} onInput={(e) => setText(e.currentTarget.value)} placeholder="id, title or section" />
              </label>
              <span class="muted" aria-live="polite">
                {shown.length} of {fw.controls.length} controls
              </span>
            </div>
            <table class="controls">
              <caption class="sr-only">Controls of {fw.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Control</th>
                  <th scope="col">Title</th>
                  <th scope="col">Status</th>
                  <th scope="col">Rules</th>
                  <th scope="col">Failing resources</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      <a href={href(['compliance', fw.id, c.id])}>{c.id}</a>
                    </th>
                    <td>
                      {c.title}
                      <div class="muted small">{c.section}</div>
                    </td>
                    <td>
                      <ControlStatus status={c.status} />
                    </td>
                    <td>{c.rules.length ? c.rules.length : c.needs_data ? <span class="muted small">needs data</span> : '—'}</td>
                    <td>
                      {c.failing_resources.length === 0 ? (
                        '—'
                      ) : (
                        <ul class="plain small">
                          {c.failing_resources.slice(0, 3).map((r) => (
                            <li key={r.resource_id}>
                              <a href={href(['resources', r.resource_id])} class="mono">
                                {r.resource_id}
                              </a>
                            </li>
                          ))}
                          {c.fail > 3 && (
                            <li>
                              <a href={href(['compliance', fw.id, c.id])}>all {c.fail} failing checks</a>
                            </li>
                          )}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        );
      }}
    </Async>
  );
}

function ControlView({ framework, control }: { framework: string; control: string }) {
  const [data] = useLoad(
    () => getJson<{ framework: FrameworkSummary; control: Control }>(`/v1/compliance/${encodeURIComponent(framework)}/controls/${encodeURIComponent(control)}`),
    [framework, control],
  );
  return (
    <Async value={data} label="the control">
      {({ framework: fw, control: c }) => (
        <>
          <nav aria-label="Breadcrumb" class="crumbs">
            <a href="#/compliance">Compliance</a> › <a href={href(['compliance', fw.id])}>{fw.name}</a> › {c.id}
          </nav>
          <h1 tabIndex={-1}>
            {c.id} {c.title}
          </h1>
          <p>
            <ControlStatus status={c.status} /> <span class="muted">{c.section}</span>
          </p>
          {c.needs_data && <p class="note">No collected data decides this control: {c.needs_data}</p>}
          <h2>Rules</h2>
          {c.rules.length === 0 && <p class="muted">No rule of the bundle maps to this control.</p>}
          {c.rules.map((r) => (
            <section class="card rule" key={r.id} aria-labelledby={`rule-${r.id}`}>
              <h3 id={`rule-${r.id}`}>
                <SeverityBadge severity={r.severity} /> {r.title}
              </h3>
              <p class="mono small">{r.id}</p>
              {r.description && <p>{r.description}</p>}
              <p>
                {r.pass ?? 0} passing, <a href={href(['findings'], { rule: r.id })}>{r.fail ?? 0} failing</a>, {r.error ?? 0} errors.
              </p>
              {r.remediation && (
                <details>
                  <summary>Remediation</summary>
                  <p>{r.remediation.text}</p>
                  {r.remediation.cli && <pre>{r.remediation.cli}</pre>}
                </details>
              )}
            </section>
          ))}
          <h2>Failing resources ({c.failing_resources.length})</h2>
          {c.failing_resources.length === 0 ? (
            <p class="muted">None.</p>
          ) : (
            <table>
              <caption class="sr-only">Failing resources of control {c.id}</caption>
              <thead>
                <tr>
                  <th scope="col">Resource</th>
                  <th scope="col">Type</th>
                  <th scope="col">Account</th>
                  <th scope="col">Region</th>
                  <th scope="col">Rule</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {c.failing_resources.map((r) => (
                  <tr key={`${r.rule_id} ${r.resource_id}`}>
                    <th scope="row">
                      <a href={href(['resources', r.resource_id])} class="mono">
                        {r.resource_id}
                      </a>
                      {r.suppressed_by && <span class="badge suppressed">suppressed</span>}
                    </th>
                    <td class="mono small">{r.resource_type}</td>
                    <td class="mono">{r.account}</td>
                    <td>{r.region}</td>
                    <td class="mono small">{r.rule_id}</td>
                    <td>{r.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </Async>
  );
}

export function ComplianceView({ framework, control }: { framework?: string; control?: string }) {
  if (framework && control) return <ControlView framework={framework} control={control} />;
  if (framework) return <Framework id={framework} />;
  return <Frameworks />;
}
