import { NavLink, Outlet } from 'react-router';
import { ConnectionBanner } from '../components/ConnectionBanner';
import { useSignOut } from '../features/auth';
import { useMe } from '../features/profile';

/** The signed-in frame: skip link, header with navigation and the person's name, the page, the banners. */
export function Layout() {
  const me = useMe();
  const signOut = useSignOut();
  const name = me.data ? (me.data.displayName ?? me.data.username) : '';
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <NavLink to="/tasks" className="brand" aria-label="Hexatask, your tasks">
            <svg viewBox="0 0 64 64" aria-hidden="true" className="brand-logo">
              <path d="M32 3 57 17.5v29L32 61 7 46.5v-29z" />
              <path d="m21 33 8 8 15-17" />
            </svg>
            <span>Hexatask</span>
          </NavLink>
          <nav aria-label="Main" className="nav">
            <NavLink to="/tasks" end={false}>
              Tasks
            </NavLink>
            <NavLink to="/dashboard">Dashboard</NavLink>
            <NavLink to="/profile">Profile</NavLink>
          </nav>
          <div className="account">
            {name && (
              <span className="account-name user-text" title={name}>
                {name}
              </span>
            )}
            <button type="button" className="button button-ghost button-small" onClick={() => void signOut()}>
              Sign out
            </button>
          </div>
        </div>
      </header>
      <ConnectionBanner />
      <main id="main" className="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
