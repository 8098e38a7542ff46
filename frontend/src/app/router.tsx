import { createBrowserRouter, type RouteObject } from 'react-router';
import { LandingPage, RequireAuth } from '../features/auth';
import { PageSkeleton } from '../components/Skeleton';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';
import { RouteError } from './RouteError';

/**
 * The app's routes. Each feature's pages (its pages.ts) load on first visit, so the first download holds only the
 * shell and the sign-in. These paths are part of the app's interface (links, bookmarks, the end-to-end suite).
 */
export const routes: RouteObject[] = [
  { path: '/', element: <LandingPage />, errorElement: <RouteError /> },
  {
    element: (
      <RequireAuth>
        <Layout />
      </RequireAuth>
    ),
    errorElement: <RouteError />,
    // Shown while the first page's code loads.
    hydrateFallbackElement: <PageSkeleton />,
    children: [
      { path: '/tasks', lazy: () => import('../features/tasks/pages').then((m) => ({ Component: m.TaskListPage })) },
      { path: '/tasks/new', lazy: () => import('../features/tasks/pages').then((m) => ({ Component: m.NewTaskPage })) },
      { path: '/tasks/:id', lazy: () => import('../features/tasks/pages').then((m) => ({ Component: m.EditTaskPage })) },
      {
        path: '/dashboard',
        lazy: () => import('../features/dashboard/pages').then((m) => ({ Component: m.DashboardPage })),
      },
      { path: '/profile', lazy: () => import('../features/profile/pages').then((m) => ({ Component: m.ProfilePage })) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
