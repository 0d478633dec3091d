/** Bundles: every bundle's versions, the active one, and activate / roll back where the token may. */
import { useState } from 'preact/hooks';
import { getJson, postJson } from '../api';
import type { Session } from '../main';
import { Async, useLoad, when } from '../ui';

interface BundleList {
  bundles: Array<{ name: string; active_version: string | null; versions: number; serving: string | null; failure?: { message: string } }>;
}

interface BundleDetail {
  name: string;
  active_version: string | null;
  serving: string | null;
  versions: Array<{ version: string; digest: string; signed: boolean; published_at: string; published_by: string | null; active: boolean; rules: number; frameworks: string[] }>;
  activations: Array<{ version: string; previous_version: string | null; activated_at: string; activated_by: string | null }>;
}

function Bundle({ name, session, onChange }: { name: string; session: Session; onChange: (message: string) => void }) {
  const [data, reload] = useLoad(() => getJson<BundleDetail>(`/v1/bundles/${encodeURIComponent(name)}`), [name]);
  const act = async (path: string, body: unknown, done: string) => {
    try {
      await postJson(path, body);
      onChange(done);
      reload();
    } catch (err) {
      onChange(err instanceof Error ? err.message : String(err));
    }
  };
  const writable = session.can('bundles:write');
  return (
    <Async value={data} label={`bundle ${name}`}>
      {(b) => (
        <section class="card" aria-labelledby={`b-${name}`}>
          <h2 id={`b-${name}`}>
            {b.name}{' '}
            <span class="muted small">
              active {b.active_version ?? 'none'}
              {b.serving && b.serving !== b.active_version ? `, serving ${b.serving}` : ''}
            </span>
          </h2>
          {writable && b.activations.length > 1 && (
            <button type="button" class="secondary" onClick={() => void act(`/v1/bundles/${encodeURIComponent(name)}/rollback`, {}, `Rolled ${name} back.`)}>
              Roll back to the previous version
            </button>
          )}
          <table>
            <caption class="sr-only">Versions of {b.name}</caption>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Rules</th>
                <th scope="col">Frameworks</th>
                <th scope="col">Signed</th>
                <th scope="col">Published</th>
                <th scope="col">State</th>
                {writable && <th scope="col">Action</th>}
              </tr>
            </thead>
            <tbody>
              {b.versions.map((v) => (
                <tr key={v.version}>
                  <th scope="row">{v.version}</th>
                  <td class="num">{v.rules}</td>
                  <td class="small">{v.frameworks.join(', ')}</td>
                  <td>{v.signed ? 'yes' : 'no'}</td>
                  <td class="small">
                    {when(v.published_at)}
                    {v.published_by && ` by ${v.published_by}`}
                  </td>
                  <td>{v.active ? <span class="badge ex-active">active</span> : ''}</td>
                  {writable && (
                    <td>
                      {!v.active && (
                        <button
                          type="button"
                          class="secondary small-btn"
                          aria-label={`Activate ${b.name} ${v.version}`}
                          onClick={() => void act(`/v1/bundles/${encodeURIComponent(name)}/activate`, { version: v.version }, `Activated ${name} ${v.version}.`)}
                        >
                          Activate
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </Async>
  );
}

export function BundlesView({ session }: { session: Session }) {
  const [data, reload] = useLoad(() => getJson<BundleList>('/v1/bundles'), []);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <>
      <h1 tabIndex={-1}>Bundles</h1>
      <p role="status" aria-live="polite">
        {message}
      </p>
      <Async value={data} label="bundles">
        {(d) =>
          d.bundles.length === 0 ? (
            <p>No bundle is published to this server yet (<code>parapet bundle push</code>).</p>
          ) : (
            <>
              {d.bundles.map((b) => (
                <Bundle
                  key={b.name}
                  name={b.name}
                  session={session}
                  onChange={(m) => {
                    setMessage(m);
                    reload();
                  }}
                />
              ))}
            </>
          )
        }
      </Async>
    </>
  );
}
