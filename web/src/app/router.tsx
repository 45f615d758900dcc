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
  // 公开晾晒, 通报曝光 and 群众口碑评价: no sign-in; the server answers published boards and circulars only.
  {
    path: '/public/boards',
    hydrateFallbackElement: <FullPageSpin />,
    lazy: async () => ({
      Component: (await import('../features/public/public-board-page.tsx')).PublicBoardsPage,
    }),
  },
  {
    path: '/public/boards/:id',
    hydrateFallbackElement: <FullPageSpin />,
    lazy: async () => ({
      Component: (await import('../features/public/public-board-page.tsx')).PublicBoardPage,
    }),
  },
  {
    path: '/public/circulars',
    hydrateFallbackElement: <FullPageSpin />,
    lazy: async () => ({
      Component: (await import('../features/public/public-circulars-page.tsx')).PublicCircularsPage,
    }),
  },
  {
    path: '/public/survey/:token',
    hydrateFallbackElement: <FullPageSpin />,
    lazy: async () => ({ Component: (await import('../features/public/survey-page.tsx')).SurveyPage }),
  },
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
      {
        element: <RequireCapability anyOf={['campaigns.manage', 'campaigns.browse']} />,
        children: [
          {
            path: 'campaigns',
            lazy: async () => ({
              Component: (await import('../features/campaigns/campaigns-page.tsx')).CampaignsPage,
            }),
          },
          {
            path: 'campaigns/:id',
            lazy: async () => ({
              Component: (await import('../features/tasks/campaign-tasks-page.tsx')).CampaignTasksPage,
            }),
          },
        ],
      },
      {
        element: <RequireCapability anyOf={['tasks.unit']} />,
        children: [
          {
            path: 'my-tasks',
            lazy: async () => ({
              Component: (await import('../features/tasks/my-tasks-page.tsx')).MyTasksPage,
            }),
          },
        ],
      },
      {
        element: <RequireCapability anyOf={['tasks.portfolio']} />,
        children: [
          {
            path: 'portfolio',
            lazy: async () => ({
              Component: (await import('../features/tasks/portfolio-page.tsx')).PortfolioPage,
            }),
          },
        ],
      },
      {
        // Anyone may follow a link to a task; the server answers 404 for a task outside their scope.
        path: 'tasks/:id',
        lazy: async () => ({ Component: (await import('../features/tasks/task-page.tsx')).TaskPage }),
      },
      {
        element: <RequireCapability anyOf={['problems.browse']} />,
        children: [
          {
            path: 'problems',
            lazy: async () => ({
              Component: (await import('../features/problems/problems-page.tsx')).ProblemsPage,
            }),
          },
          {
            path: 'problems/:id',
            lazy: async () => ({
              Component: (await import('../features/problems/problem-page.tsx')).ProblemPage,
            }),
          },
          {
            path: 'negative-list',
            lazy: async () => ({
              Component: (await import('../features/problems/negative-list-page.tsx')).NegativeListPage,
            }),
          },
          {
            path: 'problem-statistics',
            lazy: async () => ({
              Component: (await import('../features/problems/statistics-page.tsx')).StatisticsPage,
            }),
          },
        ],
      },
      {
        element: <RequireCapability anyOf={['problems.unit']} />,
        children: [
          {
            path: 'my-problems',
            lazy: async () => ({
              Component: (await import('../features/problems/my-problems-page.tsx')).MyProblemsPage,
            }),
          },
        ],
      },
      {
        element: <RequireCapability anyOf={['problems.configure']} />,
        children: [
          {
            path: 'settings/problems',
            lazy: async () => ({
              Component: (await import('../features/problems/problem-settings-page.tsx')).ProblemSettingsPage,
            }),
          },
        ],
      },
      {
        element: <RequireCapability anyOf={['campaigns.manage']} />,
        children: [
          {
            path: 'settings/tasks',
            lazy: async () => ({
              Component: (await import('../features/settings/task-settings-page.tsx')).TaskSettingsPage,
            }),
          },
        ],
      },
      {
        element: <RequireCapability anyOf={['evaluation.manage', 'evaluation.browse']} />,
        children: [
          {
            path: 'evaluation',
            lazy: async () => ({
              Component: (await import('../features/evaluation/evaluation-page.tsx')).EvaluationPage,
            }),
          },
          {
            path: 'evaluation/boards/:id',
            lazy: async () => ({
              Component: (await import('../features/evaluation/board-page.tsx')).BoardPage,
            }),
          },
          {
            path: 'evaluation/boards/:id/units/:unitId',
            lazy: async () => ({
              Component: (await import('../features/evaluation/explain-page.tsx')).PublishedExplainPage,
            }),
          },
        ],
      },
      {
        element: <RequireCapability anyOf={['evaluation.manage']} />,
        children: [
          {
            path: 'evaluation/schemes/:id',
            lazy: async () => ({
              Component: (await import('../features/evaluation/scheme-page.tsx')).SchemePage,
            }),
          },
          {
            path: 'evaluation/schemes/:id/explain/:unitId',
            lazy: async () => ({
              Component: (await import('../features/evaluation/explain-page.tsx')).PreviewExplainPage,
            }),
          },
        ],
      },
      {
        element: <RequireCapability anyOf={['supervision.notices']} />,
        children: [
          {
            path: 'notices',
            lazy: async () => ({
              Component: (await import('../features/supervision/notices-page.tsx')).NoticesPage,
            }),
          },
        ],
      },
      {
        element: <RequireCapability anyOf={['supervision.rounds']} />,
        children: [
          {
            path: 'inspection-rounds',
            lazy: async () => ({
              Component: (await import('../features/supervision/rounds-page.tsx')).RoundsPage,
            }),
          },
          {
            path: 'inspection-rounds/:id',
            lazy: async () => ({
              Component: (await import('../features/supervision/round-page.tsx')).RoundPage,
            }),
          },
        ],
      },
      {
        element: <RequireCapability anyOf={['supervision.browse']} />,
        children: [
          {
            path: 'publications',
            lazy: async () => ({
              Component: (await import('../features/supervision/publications-page.tsx')).PublicationsPage,
            }),
          },
          {
            path: 'redo-orders',
            lazy: async () => ({
              Component: (await import('../features/supervision/redo-orders-page.tsx')).RedoOrdersPage,
            }),
          },
        ],
      },
      {
        element: <RequireCapability anyOf={['clues.transfer']} />,
        children: [
          {
            path: 'clues',
            lazy: async () => ({
              Component: (await import('../features/supervision/clues-page.tsx')).CluesPage,
            }),
          },
        ],
      },
      {
        element: <RequireCapability anyOf={['supervision.manage']} />,
        children: [
          {
            path: 'settings/escalation',
            lazy: async () => ({
              Component: (await import('../features/supervision/escalation-page.tsx')).EscalationPage,
            }),
          },
        ],
      },
      {
        // 问责: to anyone but the discipline role these addresses do not exist.
        element: <RequireCapability anyOf={['accountability.manage']} hidden />,
        children: [
          {
            path: 'accountability',
            lazy: async () => ({
              Component: (await import('../features/accountability/accountability-page.tsx'))
                .AccountabilityPage,
            }),
          },
          {
            path: 'accountability/cases/:id',
            lazy: async () => ({
              Component: (await import('../features/accountability/case-page.tsx')).CasePage,
            }),
          },
        ],
      },
      {
        element: <RequireCapability anyOf={['calendar.manage']} />,
        children: [
          {
            path: 'calendar',
            lazy: async () => ({
              Component: (await import('../features/calendar/calendar-page.tsx')).CalendarPage,
            }),
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
