/** Exceptions: accept a risk from a finding (owner, reason, expiry), list them, expire one. */
import { useRef, useState } from 'preact/hooks';
import { getJson, postJson, type Exception, type Finding } from '../api';
import type { Session } from '../main';
import { Async, href, useLoad, when } from '../ui';

function inDays(days: number): string {
  return new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);
}

/** "Accept risk" on a finding: a dialog with owner, reason and expiry, creating an exception for this rule on this resource. */
export function AcceptRisk({ finding, onDone }: { finding: Pick<Finding, 'rule_id' | 'resource_id' | 'title'>; onDone: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [owner, setOwner] = useState('');
  const [reason, setReason] = useState('');
  const [expires, setExpires] = useState(inDays(90));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await postJson('/v1/exceptions', {
        rule: finding.rule_id,
        resource: finding.resource_id,
        owner,
        reason,
        // The end of the chosen day, UTC.
        expires_at: `${expires}T23:59:59Z`,
      });
      dialog.current?.close();
      onDone();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const id = `x-${finding.rule_id}-${finding.resource_id}`.replace(/[^A-Za-z0-9_-]/g, '_');
  return (
    <>
      <button type="button" class="secondary small-btn" onClick={() => dialog.current?.showModal()} aria-label={`Accept risk: ${finding.title} on ${finding.resource_id}`}>
        Accept risk
      </button>
      <dialog ref={dialog} aria-labelledby={`${id}-h`}>
        <form onSubmit={submit}>
          <h2 id={`${id}-h`}>Accept risk</h2>
          <p class="small">
            <strong>{finding.title}</strong> on <span class="mono wrap">{finding.resource_id}</span>
          </p>
          <label for={`${id}-owner`}>Owner</label>
          <input id={`${id}-owner`} required value={owner} onInput={(e) => setOwner(e.currentTarget.value)} placeholder="team or person accountable" />
          <label for={`${id}-reason`}>Reason</label>
          <textarea id={`${id}-reason`} required rows={3} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          <label for={`${id}-expires`}>Expires on</label>
          <input id={`${id}-expires`} type="date" required min={inDays(1)} value={expires} onInput={(e) => setExpires(e.currentTarget.value)} />
          {error && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
          <div class="actions">
            <button type="submit" disabled={busy}>
              {busy ? 'Saving…' : 'Create exception'}
            </button>
            <button type="button" class="secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}

interface AuditEntry {
  id: number;
  action: string;
  actor: string;
  at: string;
}

/** The exception's audit trail, loaded when opened. */
function AuditTrail({ id }: { id: string }) {
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>History</summary>
      {open && <AuditList id={id} />}
    </details>
  );
}

function AuditList({ id }: { id: string }) {
  const [data] = useLoad(() => getJson<{ audit: AuditEntry[] }>(`/v1/exceptions/${id}/audit`), [id]);
  return (
    <Async value={data} label="the history">
      {(d) => (
        <ol class="plain small">
          {d.audit.map((a) => (
            <li key={a.id}>
              {when(a.at)}: {a.action} by {a.actor}
            </li>
          ))}
        </ol>
      )}
    </Async>
  );
}

function scopeText(e: Exception): string {
  const parts = [];
  if (e.scope.rule) parts.push(`rule ${e.scope.rule}`);
  if (e.scope.resource) parts.push(`resource ${e.scope.resource}`);
  if (e.scope.account) parts.push(`account ${e.scope.account}`);
  if (e.scope.tag) parts.push(`tag ${e.scope.tag.key}${e.scope.tag.value !== undefined ? `=${e.scope.tag.value}` : ''}`);
  return parts.join(', ');
}

export function ExceptionsView({ session }: { session: Session }) {
  const [data, reload] = useLoad(() => getJson<{ exceptions: Exception[] }>('/v1/exceptions'), []);
  const [message, setMessage] = useState<string | null>(null);
  const expire = async (e: Exception) => {
    if (!confirm(`Expire exception ${e.id}? Its findings show as reopened at the next scan.`)) return;
    try {
      await postJson(`/v1/exceptions/${e.id}/expire`, {});
      setMessage(`Exception ${e.id} expired.`);
      reload();
    } catch (err) {
      setMessage(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <>
      <h1 tabIndex={-1}>Exceptions</h1>
      <p class="muted">
        Accepted risks. Suppressed findings are kept and marked, never deleted. {session.can('exceptions:write') ? 'Create one from a finding (Findings or a resource page).' : ''}
      </p>
      <p role="status" aria-live="polite">
        {message}
      </p>
      <Async value={data} label="exceptions">
        {(d) =>
          d.exceptions.length === 0 ? (
            <p>No exceptions yet.</p>
          ) : (
            <table>
              <caption class="sr-only">Exceptions</caption>
              <thead>
                <tr>
                  <th scope="col">Exception</th>
                  <th scope="col">Scope</th>
                  <th scope="col">Owner</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Created</th>
                  <th scope="col">Expires</th>
                  <th scope="col">State</th>
                  {session.can('exceptions:write') && <th scope="col">Action</th>}
                </tr>
              </thead>
              <tbody>
                {d.exceptions.map((e) => (
                  <tr key={e.id}>
                    <th scope="row" class="mono">
                      {e.id}
                    </th>
                    <td class="small wrap">
                      {e.scope.resource && !e.scope.resource.includes('*') ? (
                        <a href={href(['resources', e.scope.resource])}>{scopeText(e)}</a>
                      ) : (
                        scopeText(e)
                      )}
                    </td>
                    <td>{e.owner}</td>
                    <td>{e.reason}</td>
                    <td class="small">
                      {when(e.created_at)}
                      <br />
                      by {e.created_by}
                    </td>
                    <td class="small">{when(e.expires_at)}</td>
                    <td>
                      <span class={`badge ${e.active ? 'ex-active' : 'ex-ended'}`}>{e.active ? 'active' : e.revoked_at ? 'revoked' : 'expired'}</span>
                      {e.active && <div class="small muted">suppressing {e.suppressing}</div>}
                      <AuditTrail id={e.id} />
                    </td>
                    {session.can('exceptions:write') && (
                      <td>
                        {e.active && (
                          <button type="button" class="secondary small-btn" onClick={() => void expire(e)} aria-label={`Expire exception ${e.id}`}>
                            Expire
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Async>
    </>
  );
}
