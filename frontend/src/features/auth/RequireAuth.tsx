import { useEffect, type ReactNode } from 'react';
import { useAuth } from 'react-oidc-context';
import { useLocation } from 'react-router';
import { PageSkeleton } from '../../components/Skeleton';
import { ErrorState } from '../../components/ErrorState';
import { useSignIn } from './useSignIn';
import { isSigningOut } from './useSignOut';

/** Every page but the landing page needs a session; without one the person signs in and comes back here. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const auth = useAuth();
  const location = useLocation();
  const { signIn } = useSignIn();
  const returnTo = `${location.pathname}${location.search}${location.hash}`;
  const leaving = isSigningOut();
  const mustSignIn = !auth.isLoading && !auth.isAuthenticated && !auth.activeNavigator && !auth.error && !leaving;

  useEffect(() => {
    if (mustSignIn) void signIn(returnTo);
    // signIn is a new function on each render; the redirect must start once per route.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mustSignIn, returnTo]);

  if (leaving) return <PageSkeleton label="Signing you out…" />;
  if (auth.error && !auth.isAuthenticated) {
    return (
      <ErrorState
        title="Sign-in did not complete"
        message={auth.error.message}
        onRetry={() => void signIn(returnTo)}
        retryLabel="Sign in again"
      />
    );
  }
  if (!auth.isAuthenticated) {
    return <PageSkeleton label="Signing you in…" />;
  }
  return children;
}
