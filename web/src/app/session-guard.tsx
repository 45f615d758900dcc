import { Button, Result, Spin } from 'antd';
import { createContext, useContext, type ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useSession } from '../api/session.ts';
import type { Session } from '../api/types.ts';
import { ChangePasswordPage } from '../features/auth/change-password-page.tsx';
import { useI18n } from './i18n.tsx';

const SessionContext = createContext<Session | null>(null);

/** The signed-in person; only inside RequireSession. */
export function useCurrentSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useCurrentSession outside RequireSession');
  return s;
}

export function useCan(capability: string): boolean {
  return useCurrentSession().capabilities.includes(capability);
}

export function FullPageSpin() {
  return (
    <div className="luoshi-fullpage-center">
      <Spin size="large" />
    </div>
  );
}

/**
 * Shows its children only to a signed-in person; one who must still change a
 * first-time password sees nothing but the change-password page.
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const { data, isPending, isError, refetch } = useSession();
  const location = useLocation();
  const { t } = useI18n();
  if (isPending) return <FullPageSpin />;
  if (isError) {
    return (
      <Result
        status="error"
        title={t('common.loadFailed')}
        extra={<Button onClick={() => void refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  if (!data) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (data.mustChangePassword) {
    return (
      <SessionContext.Provider value={data}>
        <ChangePasswordPage forced />
      </SessionContext.Provider>
    );
  }
  return <SessionContext.Provider value={data}>{children}</SessionContext.Provider>;
}

/** A page a person may open only with the given capability (the server checks again). */
export function RequireCapability({ anyOf, hidden = false }: { anyOf: string[]; hidden?: boolean }) {
  const session = useCurrentSession();
  const { t } = useI18n();
  if (anyOf.some((c) => session.capabilities.includes(c))) return <Outlet />;
  // Pages whose very existence is confidential (问责) answer "not found", as the API does.
  if (hidden) return <Result status="404" title="404" subTitle={t('common.notFound')} />;
  return <Result status="403" title="403" subTitle={t('common.noAccess')} />;
}
