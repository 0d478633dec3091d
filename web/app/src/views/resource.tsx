/** A resource: its configuration from the scan snapshot, the checks run on it, and all its findings with remediation. */
import { getJson, type Finding, type Rule } from '../api';
import type { Session } from '../main';
import { Async, FindingStatus, href, PROVIDER_NAMES, SeverityBadge, useLoad, when } from '../ui';
import { AcceptRisk } from './exceptions';

interface ResourceAnswer {
  scan_id: number | null;
  resource: { id: string; provider: string; type: string; account: string; region: string; name: string; tags: Record<string, string>; config: unknown } | null;
  outcomes: Array<{ rule_id: string; title: string; status: string; severity: string; message: string | null }>;
  findings: Array<Finding & { rule?: Rule }>;
}

export function ResourceView({ id, session }: { id: string; session: Session }) {
  const [data, reload] = useLoad(() => getJson<ResourceAnswer>(`/v1/resources/${encodeURIComponent(id)}`), [id]);
  return (
    <Async value={data} label="the resource">
      {(d) => (
        <>
          <nav aria-label="Breadcrumb" class="crumbs">
            <a href="#/findings">Findings</a> › Resource
          </nav>
          <h1 tabIndex={-1} class="mono wrap">
            {d.resource?.name || id}
          </h1>
          {d.resource ? (
            <dl class="facts">
              <dt>Id</dt>
              <dd class="mono wrap">{d.resource.id}</dd>
              <dt>Type</dt>
              <dd class="mono">{d.resource.type}</dd>
              <dt>Cloud</dt>
              <dd>{PROVIDER_NAMES[d.resource.provider] ?? d.resource.provider}</dd>
              <dt>Account</dt>
              <dd class="mono">{d.resource.account}</dd>
              <dt>Region</dt>
              <dd>{d.resource.region}</dd>
              <dt>Snapshot</dt>
              <dd>scan {d.scan_id}</dd>
              <dt>Tags</dt>
              <dd>
                {Object.keys(d.resource.tags).length === 0
                  ? '—'
                  : Object.entries(d.resource.tags).map(([k, v]) => (
                      <span class="tag" key={k}>
                        {k}={v}
                      </span>
                    ))}
              </dd>
            </dl>
          ) : (
            <p class="note">No scan snapshot holds this as a resource of its own (an account-level rule names it); its findings follow.</p>
          )}
          <h2>Findings ({d.findings.length})</h2>
          {d.findings.length === 0 && <p class="muted">No rule has ever failed on this resource.</p>}
          {d.findings.map((f) => (
            <section class="card finding" key={f.rule_id} aria-labelledby={`f-${f.rule_id}`}>
              <h3 id={`f-${f.rule_id}`}>
                <SeverityBadge severity={f.severity} /> {f.title} <FindingStatus status={f.status} suppressed={f.suppressed_by} />
              </h3>
              <p class="mono small">{f.rule_id}</p>
              {f.message && <p>{f.message}</p>}
              <p class="muted small">
                First seen {when(f.first_seen)}, last seen {when(f.last_seen)}.
              </p>
              {f.rule?.remediation && (
                <div class="remediation">
                  <h4>Remediation</h4>
                  <p>{f.rule.remediation.text}</p>
                  {f.rule.remediation.cli && (
                    <>
                      <h5>CLI</h5>
                      <pre>{f.rule.remediation.cli}</pre>
                    </>
                  )}
                  {f.rule.remediation.terraform && (
                    <>
                      <h5>Terraform</h5>
                      <pre>{f.rule.remediation.terraform}</pre>
                    </>
                  )}
                </div>
              )}
              {f.rule?.frameworks && (
                <p class="small">
                  Controls:{' '}
                  {Object.entries(f.rule.frameworks).flatMap(([fw, ids]) =>
                    ids.map((c) => (
                      <a class="tag" key={`${fw}-${c}`} href={href(['compliance', fw, c])}>
                        {fw} {c}
                      </a>
                    )),
                  )}
                </p>
              )}
              {session.can('exceptions:write') && f.status !== 'resolved' && !f.suppressed_by && <AcceptRisk finding={f} onDone={reload} />}
            </section>
          ))}
          {d.outcomes.length > 0 && (
            <>
              <h2>Checks in scan {d.scan_id}</h2>
              <table>
                <caption class="sr-only">Every rule evaluated on this resource</caption>
                <thead>
                  <tr>
                    <th scope="col">Rule</th>
                    <th scope="col">Severity</th>
                    <th scope="col">Result</th>
                  </tr>
                </thead>
                <tbody>
                  {d.outcomes.map((o) => (
                    <tr key={o.rule_id}>
                      <th scope="row">{o.title}</th>
                      <td>
                        <SeverityBadge severity={o.severity} />
                      </td>
                      <td>
                        <span class={`badge out-${o.status}`}>{o.status}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          {d.resource && (
            <>
              <h2>Configuration</h2>
              <pre class="config" tabIndex={0} aria-label="Resource configuration (JSON)">
                {JSON.stringify(d.resource.config, null, 2)}
              </pre>
            </>
          )}
        </>
      )}
    </Async>
  );
}
