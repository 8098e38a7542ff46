import { useAuth } from 'react-oidc-context';
import { Navigate, useLocation } from 'react-router';
import { PageSkeleton } from '../../components/Skeleton';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useSignIn } from './useSignIn';

/** The one page without a session: what Hexatask is, and the way in. Also where the provider's redirects land. */
export function LandingPage() {
  useDocumentTitle('');
  const auth = useAuth();
  const { signIn, signUp } = useSignIn();
  // Back from the provider: the sign-in callback takes the person to the route they asked for.
  const returning = new URLSearchParams(useLocation().search).has('code');

  if (auth.isLoading || auth.activeNavigator === 'signinRedirect' || (returning && !auth.error)) {
    return <PageSkeleton label="Signing you in…" />;
  }
  if (auth.isAuthenticated) return <Navigate to="/tasks" replace />;

  return (
    <main className="landing" id="main">
      <section className="landing-hero">
        <svg className="landing-logo" viewBox="0 0 64 64" aria-hidden="true">
          <path d="M32 3 57 17.5v29L32 61 7 46.5v-29z" />
          <path d="m21 33 8 8 15-17" />
        </svg>
        <h1>Hexatask</h1>
        <p className="landing-lead">Your tasks in one calm place: plan them, sort them, and get them done, on any device.</p>
        {auth.error && (
          <p className="form-error" role="alert">
            Sign-in did not complete: {auth.error.message}
          </p>
        )}
        <div className="landing-actions">
          <button type="button" className="button button-large" onClick={() => void signIn('/tasks')}>
            Sign in
          </button>
          <button type="button" className="button button-secondary button-large" onClick={() => void signUp('/tasks')}>
            Create an account
          </button>
        </div>
      </section>
      <ul className="landing-points">
        <li>
          <h2>Filters that stick</h2>
          <p>Status, tags, due dates and search live in the address, so a bookmark keeps them.</p>
        </li>
        <li>
          <h2>Safe on a shaky network</h2>
          <p>Requests are retried for you, and a task is never created twice.</p>
        </li>
        <li>
          <h2>No lost edits</h2>
          <p>Changed in two places? You see both versions and choose.</p>
        </li>
      </ul>
    </main>
  );
}
