/** The Parapet dashboard: sign-in with an API token, then the views its scopes allow. */
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, getJson, storeToken, storedToken, whenUnauthorized, type Me } from './api';
import { useRoute } from './ui';
import { Overview } from './views/overview';
import { ComplianceView } from './views/compliance';
import { ResourceView } from './views/resource';
import { FindingsView } from './views/findings';
import { ExceptionsView } from './views/exceptions';
import { BundlesView } from './views/bundles';
import './styles.css';

export interface Session {
  me: Me;
  can(scope: string): boolean;
}

function SignIn({ onSignedIn }: { onSignedIn: (token: string, me: Me) => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const me = await getJson<Me>('/v1/me', token.trim());
      onSignedIn(token.trim(), me);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? 'This token is unknown or revoked.' : err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main id="main" class="signin">
      <h1>Parapet</h1>
      <p class="muted">Cloud security posture across AWS, Google Cloud and Azure.</p>
      <form onSubmit={submit} class="card">
        <label for="token">API token</label>
        <input id="token" name="token" type="password" autoComplete="off" required value={token} onInput={(e) => setToken(e.currentTarget.value)} aria-describedby="token-help" />
        <p id="token-help" class="muted small">
          A token from <code>parapet token create</code>. It is kept in this tab only (session storage).
        </p>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy || !token.trim()}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}

const NAV = [
  { path: '', label: 'Overview' },
  { path: 'compliance', label: 'Compliance' },
  { path: 'findings', label: 'Findings' },
  { path: 'exceptions', label: 'Exceptions' },
  { path: 'bundles', label: 'Bundles', scope: 'bundles:read' },
];

function Shell({ session, onSignOut }: { session: Session; onSignOut: () => void }) {
  const route = useRoute();
  const [section = '', ...rest] = route.path;
  // On a change of view (not the first one), move focus to its heading, so keyboard and screen-reader users land on it.
  const firstView = useRef(true);
  useEffect(() => {
    if (firstView.current) {
      firstView.current = false;
      return;
    }
    // The view may still be loading: wait for its heading.
    let tries = 0;
    const timer = setInterval(() => {
      const h1 = document.querySelector<HTMLElement>('main h1');
      if (h1 || ++tries > 40) {
        clearInterval(timer);
        h1?.focus();
      }
    }, 50);
    return () => clearInterval(timer);
  }, [section, rest.join('/')]);
  let view;
  if (!session.can('scans:read') && section !== 'bundles') {
    view = (
      <>
        <h1 tabIndex={-1}>No access</h1>
        <p>The token “{session.me.name}” lacks the scans:read scope the posture views need.</p>
      </>
    );
  } else if (section === '') view = <Overview />;
  else if (section === 'compliance') view = <ComplianceView framework={rest[0]} control={rest[1]} />;
  else if (section === 'resources') view = <ResourceView id={rest.join('/')} session={session} />;
  else if (section === 'findings') view = <FindingsView params={route.params} session={session} />;
  else if (section === 'exceptions') view = <ExceptionsView session={session} />;
  else if (section === 'bundles') view = <BundlesView session={session} />;
  else view = <h1 tabIndex={-1}>Not found</h1>;
  return (
    <>
      <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        Skip to content
      </a>
      <header class="top">
        <span class="brand">Parapet</span>
        <nav aria-label="Main">
          <ul>
            {NAV.filter((n) => !n.scope || session.can(n.scope)).map((n) => (
              <li key={n.path}>
                <a href={`#/${n.path}`} aria-current={section === n.path ? 'page' : undefined}>
                  {n.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="who">
          <span title={`Scopes: ${session.me.scopes.join(', ')}`}>
            Signed in as <strong>{session.me.name}</strong>
            {!session.can('exceptions:write') && !session.can('bundles:write') && <span class="badge readonly">read-only</span>}
          </span>
          <button type="button" class="secondary" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {view}
      </main>
    </>
  );
}

function App() {
  const [me, setMe] = useState<Me | null>(null);
  const [checking, setChecking] = useState(!!storedToken());
  const signOut = () => {
    storeToken(null);
    setMe(null);
  };
  useEffect(() => {
    whenUnauthorized(signOut);
    if (!storedToken()) return;
    getJson<Me>('/v1/me')
      .then(setMe, () => signOut())
      .finally(() => setChecking(false));
  }, []);
  if (checking) return <p role="status">Checking your sign-in…</p>;
  if (!me) {
    return (
      <SignIn
        onSignedIn={(token, who) => {
          storeToken(token);
          setMe(who);
        }}
      />
    );
  }
  const session: Session = { me, can: (scope) => me.effective.includes(scope) };
  return <Shell session={session} onSignOut={signOut} />;
}

render(<App />, document.getElementById('app')!);
