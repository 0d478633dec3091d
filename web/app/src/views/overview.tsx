/** Overview: the posture score and its trend, findings by severity, cloud, account and service, top failing rules, and what changed since the last scan. */
import { getJson, type Finding, type FrameworkSummary, type Scan, type Score } from '../api';
import { Async, Bars, href, PROVIDER_NAMES, ScoreValue, SeverityBadge, Trend, useLoad, when } from '../ui';

interface Summary {
  total: number;
  by_severity: Array<{ key: string; count: number }>;
  by_provider: Array<{ key: string; count: number }>;
  by_account: Array<{ key: string; provider: string; account: string; count: number }>;
  by_service: Array<{ key: string; count: number }>;
  top_rules: Array<{ rule_id: string; title: string; severity: string; count: number }>;
}

interface Scores {
  scan: Scan;
  overall: Score | null;
  providers: Score[];
  accounts: Score[];
  frameworks: Score[];
  trend: { points: Array<{ scan_id: number; score: number | null; finished_at: string }> };
}

interface Diff {
  from: number | null;
  to: number;
  counts: { new: number; resolved: number; reopened: number };
  new: Finding[];
  resolved: Finding[];
  reopened: Finding[];
}

const SEVERITY_TONES: Record<string, string> = { critical: 'tone-critical', high: 'tone-high', medium: 'tone-medium', low: 'tone-low', info: 'tone-info' };

function Changes({ diff }: { diff: Diff }) {
  const groups = [
    { key: 'new', label: 'New', items: diff.new },
    { key: 'reopened', label: 'Reopened', items: diff.reopened },
    { key: 'resolved', label: 'Resolved', items: diff.resolved },
  ] as const;
  return (
    <>
      <p>
        {diff.from === null ? `Scan ${diff.to} is the first scan of its target: everything it found is new.` : `Scan ${diff.to} against scan ${diff.from}:`}{' '}
        <strong>{diff.counts.new}</strong> new, <strong>{diff.counts.reopened}</strong> reopened, <strong>{diff.counts.resolved}</strong> resolved.
      </p>
      <div class="columns-3">
        {groups.map((g) => (
          <section key={g.key} aria-labelledby={`chg-${g.key}`}>
            <h3 id={`chg-${g.key}`}>
              {g.label} ({diff.counts[g.key]})
            </h3>
            {g.items.length === 0 ? (
              <p class="muted">None.</p>
            ) : (
              <ul class="plain">
                {g.items.slice(0, 8).map((f) => (
                  <li key={`${f.rule_id} ${f.resource_id}`}>
                    <SeverityBadge severity={f.severity} /> {f.title} —{' '}
                    <a href={href(['resources', f.resource_id])} class="mono">
                      {f.resource_id}
                    </a>
                  </li>
                ))}
                {g.items.length > 8 && <li class="muted">and {g.items.length - 8} more</li>}
              </ul>
            )}
          </section>
        ))}
      </div>
    </>
  );
}

export function Overview() {
  const [scores] = useLoad(() => getJson<Scores>('/v1/scores'), []);
  const [summary] = useLoad(() => getJson<Summary>('/v1/findings/summary?active=true&suppressed=false'), []);
  const [frameworks] = useLoad(() => getJson<{ frameworks: FrameworkSummary[] }>('/v1/compliance'), []);
  const [diff] = useLoad(async () => {
    const { scans } = await getJson<{ scans: Scan[] }>('/v1/scans?finished=true&limit=1');
    return scans[0] ? getJson<Diff>(`/v1/scans/${scans[0].id}/diff?limit=50`) : null;
  }, []);

  return (
    <>
      <h1 tabIndex={-1}>Overview</h1>
      <Async value={scores} label="scores">
        {(s) => (
          <>
            <p class="muted">
              Latest scan {s.scan.id} of <strong>{s.scan.target}</strong>, finished {when(s.scan.finished_at)}
              {s.scan.bundle && ` with bundle ${s.scan.bundle.name} ${s.scan.bundle.version}`}; {s.scan.counts?.resources ?? 0} resources evaluated.
            </p>
            <div class="grid">
              <section class="card" aria-labelledby="score-h">
                <h2 id="score-h">Posture score</h2>
                <p class="big">
                  <ScoreValue score={s.overall?.score} />
                </p>
                <p class="muted small">Severity-weighted share of passing checks; accepted risks excluded.</p>
                <Trend points={s.trend.points} />
              </section>
              <section class="card" aria-labelledby="clouds-h">
                <h2 id="clouds-h">By cloud</h2>
                <table>
                  <caption class="sr-only">Score and failing checks per cloud</caption>
                  <thead>
                    <tr>
                      <th scope="col">Cloud</th>
                      <th scope="col">Score</th>
                      <th scope="col" class="num">Failing</th>
                    </tr>
                  </thead>
                  <tbody>
                    {s.providers.map((p) => (
                      <tr key={p.key}>
                        <th scope="row">
                          <a href={href(['findings'], { provider: p.key })}>{PROVIDER_NAMES[p.key] ?? p.key}</a>
                        </th>
                        <td>
                          <ScoreValue score={p.score} />
                        </td>
                        <td class="num">{p.failed}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <h3>By account</h3>
                <table>
                  <caption class="sr-only">Score per account</caption>
                  <thead>
                    <tr>
                      <th scope="col">Account</th>
                      <th scope="col">Score</th>
                      <th scope="col" class="num">Failing</th>
                    </tr>
                  </thead>
                  <tbody>
                    {s.accounts.map((a) => {
                      const [provider, ...acct] = a.key.split(':');
                      return (
                        <tr key={a.key}>
                          <th scope="row">
                            <a href={href(['findings'], { provider, account: acct.join(':') })} class="mono">
                              {acct.join(':')}
                            </a>{' '}
                            <span class="muted small">{PROVIDER_NAMES[provider!] ?? provider}</span>
                          </th>
                          <td>
                            <ScoreValue score={a.score} />
                          </td>
                          <td class="num">{a.failed}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </section>
              <section class="card" aria-labelledby="fw-h">
                <h2 id="fw-h">Frameworks</h2>
                <Async value={frameworks} label="frameworks">
                  {(f) => (
                    <ul class="plain">
                      {f.frameworks.map((fw) => (
                        <li key={fw.id} class="fw-line">
                          <a href={href(['compliance', fw.id])}>
                            {fw.name} {fw.version}
                          </a>{' '}
                          <ScoreValue score={fw.score} />{' '}
                          <span class="muted small">
                            {fw.counts.failed} failing of {fw.controls} controls
                          </span>
                        </li>
                      ))}
                    </ul>
                  )}
                </Async>
              </section>
            </div>
          </>
        )}
      </Async>
      <Async value={summary} label="findings summary">
        {(sum) => (
          <div class="grid">
            <section class="card" aria-labelledby="sev-h">
              <h2 id="sev-h">Open findings by severity ({sum.total.toLocaleString('en')})</h2>
              <Bars
                label="Open findings by severity"
                items={sum.by_severity.map((s) => ({ ...s, tone: SEVERITY_TONES[s.key] }))}
                link={(k) => href(['findings'], { severity: k })}
              />
              <h3>By cloud</h3>
              <Bars label="Open findings by cloud" items={sum.by_provider.map((p) => ({ ...p, label: PROVIDER_NAMES[p.key] ?? p.key }))} link={(k) => href(['findings'], { provider: k })} />
            </section>
            <section class="card" aria-labelledby="acct-h">
              <h2 id="acct-h">By account</h2>
              <Bars
                label="Open findings by account"
                items={sum.by_account.slice(0, 8).map((a) => ({ key: a.key, label: `${a.account} (${PROVIDER_NAMES[a.provider] ?? a.provider})`, count: a.count }))}
                link={(k) => {
                  const [provider, ...acct] = k.split(':');
                  return href(['findings'], { provider, account: acct.join(':') });
                }}
              />
              <h3>By service</h3>
              <Bars label="Open findings by service" items={sum.by_service.slice(0, 8)} />
            </section>
            <section class="card" aria-labelledby="rules-h">
              <h2 id="rules-h">Top failing rules</h2>
              <ol class="plain">
                {sum.top_rules.map((r) => (
                  <li key={r.rule_id} class="rule-line">
                    <SeverityBadge severity={r.severity} /> <a href={href(['findings'], { rule: r.rule_id })}>{r.title}</a> <span class="count">{r.count}</span>
                  </li>
                ))}
              </ol>
            </section>
          </div>
        )}
      </Async>
      <section class="card" aria-labelledby="changes-h">
        <h2 id="changes-h">Since the last scan</h2>
        <Async value={diff} label="changes">
          {(d) => (d ? <Changes diff={d} /> : <p class="muted">No finished scan yet.</p>)}
        </Async>
      </section>
    </>
  );
}
