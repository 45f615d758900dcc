import { Result } from 'antd';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ChangePasswordPage } from '../features/auth/change-password-page.tsx';
import { LoginPage } from '../features/auth/login-page.tsx';
import { useI18n } from './i18n.tsx';
import { AppLayout } from './layout.tsx';
import { FullPageSpin, RequireCapability, RequireSession } from './session-guard.tsx';

function NotFound() {
  const { t } = useI18n();
  return <Result status="404" title="404" subTitle={t('common.notFound')} />;
}

// Pages load on first visit, so the sign-in page stays small.
const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    path: '/',
    // Shown while the first lazily loaded page arrives.
    hydrateFallbackElement: <FullPageSpin />,
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    children: [
      {
        index: true,
        lazy: async () => ({ Component: (await import('../features/home/home-page.tsx')).HomePage }),
      },
      { path: 'password', element: <ChangePasswordPage /> },
      {
        element: <RequireCapability anyOf={['units.browse', 'units.manage']} />,
        children: [
          {
            path: 'units',
            lazy: async () => ({ Component: (await import('../features/units/units-page.tsx')).UnitsPage }),
          },
        ],
      },
      {
        element: <RequireCapability anyOf={['people.browse', 'people.manage']} />,
        children: [
          {
            path: 'people',
            lazy: async () => ({
              Component: (await import('../features/people/people-page.tsx')).PeoplePage,
            }),
          },
        ],
      },
      {
        element: <RequireCapability anyOf={['grants.manage']} />,
        children: [
          {
            path: 'grants',
            lazy: async () => ({
              Component: (await import('../features/grants/grants-page.tsx')).GrantsPage,
            }),
          },
        ],
      },
      {
        element: <RequireCapability anyOf={['audit.read']} />,
        children: [
          {
            path: 'audit',
            lazy: async () => ({ Component: (await import('../features/audit/audit-page.tsx')).AuditPage }),
          },
        ],
      },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
