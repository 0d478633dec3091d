/** Small shared pieces: routing by the URL hash, data loading, badges, formatting. */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** The current `#/path?query` as a path and its parameters. */
export interface Route {
  path: string[];
  params: URLSearchParams;
}

function parseHash(): Route {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path = '', search = ''] = raw.split('?');
  return { path: path.split('/').filter(Boolean).map(decodeURIComponent), params: new URLSearchParams(search) };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(parseHash);
  useEffect(() => {
    const update = () => setRoute(parseHash());
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return route;
}

export function href(path: string[], params?: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) if (v) q.set(k, v);
  const s = q.toString();
  return `#/${path.map(encodeURIComponent).join('/')}${s ? `?${s}` : ''}`;
}

export type Loaded<T> = { state: 'loading' } | { state: 'error'; error: string } | { state: 'ok'; data: T };

/** Loads once per change of `key`; `reload()` loads again. */
export function useLoad<T>(load: () => Promise<T>, key: unknown[]): [Loaded<T>, () => void] {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setResult({ state: 'ok', data }),
      (err: unknown) => live && setResult({ state: 'error', error: err instanceof Error ? err.message : String(err) }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...key, nonce]);
  return [result, () => setNonce((n) => n + 1)];
}

export function Async<T>({ value, children, label }: { value: Loaded<T>; label: string; children: (data: T) => ComponentChildren }) {
  if (value.state === 'loading') return <p class="muted" role="status">Loading {label}…</p>;
  if (value.state === 'error') return <p class="error" role="alert">Could not load {label}: {value.error}</p>;
  return <>{children(value.data)}</>;
}

export function SeverityBadge({ severity }: { severity: string }) {
  return <span class={`badge sev-${severity}`}>{severity}</span>;
}

const STATUS_LABELS: Record<string, string> = {
  passed: 'pass', failed: 'fail', error: 'error', not_covered: 'not covered', manual: 'manual', no_resources: 'no resources',
};

export function ControlStatus({ status }: { status: string }) {
  return <span class={`badge st-${status}`}>{STATUS_LABELS[status] ?? status}</span>;
}

export function FindingStatus({ status, suppressed }: { status: string; suppressed: string | null }) {
  return (
    <>
      <span class={`badge fs-${status}`}>{status}</span>
      {suppressed && (
        <span class="badge suppressed" title={`Suppressed by exception ${suppressed}`}>
          suppressed
        </span>
      )}
    </>
  );
}

export function ScoreValue({ score }: { score: number | null | undefined }) {
  if (score === null || score === undefined) return <span class="muted">n/a</span>;
  const band = score >= 80 ? 'good' : score >= 50 ? 'fair' : 'poor';
  return <span class={`score score-${band}`}>{score.toFixed(1)}%</span>;
}

export function when(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

export const PROVIDER_NAMES: Record<string, string> = { aws: 'AWS', gcp: 'Google Cloud', azure: 'Azure' };

/** Horizontal bars for counts, labelled for screen readers as a list. */
export function Bars({ items, label, link }: { items: Array<{ key: string; label?: string; count: number; tone?: string }>; label: string; link?: (key: string) => string }) {
  const max = Math.max(1, ...items.map((i) => i.count));
  return (
    <ul class="bars" aria-label={label}>
      {items.map((i) => (
        <li key={i.key}>
          <span class="bar-label">{link ? <a href={link(i.key)}>{i.label ?? i.key}</a> : (i.label ?? i.key)}</span>
          <span class="bar-track" aria-hidden="true">
            <svg class={`bar-fill ${i.tone ?? ''}`} width="100%" height="12" viewBox="0 0 100 12" preserveAspectRatio="none">
              <rect x="0" y="0" width={(100 * i.count) / max} height="12" />
            </svg>
          </span>
          <span class="bar-count">{i.count.toLocaleString('en')}</span>
        </li>
      ))}
    </ul>
  );
}

/** The score across scans as a small line chart, with the values in a text alternative. */
export function Trend({ points }: { points: Array<{ scan_id: number; score: number | null; finished_at: string }> }) {
  const values = points.filter((p) => p.score !== null) as Array<{ scan_id: number; score: number; finished_at: string }>;
  if (values.length === 0) return <p class="muted">No trend yet.</p>;
  const w = 320;
  const h = 80;
  const x = (i: number) => (values.length === 1 ? w / 2 : 8 + (i * (w - 16)) / (values.length - 1));
  const y = (s: number) => h - 8 - ((h - 16) * s) / 100;
  const line = values.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.score).toFixed(1)}`).join(' ');
  const text = values.map((p) => `scan ${p.scan_id}: ${p.score.toFixed(1)}%`).join(', ');
  return (
    <figure class="trend">
      <svg width={w} height={h} viewBox={`0 0 ${w} ${h}`} role="img" aria-label={`Posture score trend: ${text}`}>
        <line x1="0" x2={w} y1={y(50)} y2={y(50)} class="trend-grid" />
        <path d={line} class="trend-line" />
        {values.map((p, i) => (
          <circle key={p.scan_id} cx={x(i)} cy={y(p.score)} r="3.5" class="trend-dot" />
        ))}
      </svg>
      <figcaption class="muted">{text}</figcaption>
    </figure>
  );
}
