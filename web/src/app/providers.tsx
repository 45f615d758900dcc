import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, type ConfigProviderProps } from 'antd';
import enUSModule from 'antd/locale/en_US.js';
import zhCNModule from 'antd/locale/zh_CN.js';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn.js';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { useState, type ReactNode } from 'react';
import { ApiError, isPasswordChangeRequired, isSignedOut } from '../api/client.ts';
import { sessionKey } from '../api/session.ts';
import { I18nProvider, useI18n } from './i18n.tsx';
import { theme } from './theme.ts';

type AntLocale = NonNullable<ConfigProviderProps['locale']>;
// antd ships its locales as CommonJS; depending on the bundler's interop the default import is the
// locale itself or the module holding it.
const interop = (m: unknown): AntLocale => (m as { default?: AntLocale }).default ?? (m as AntLocale);
const zhCN = interop(zhCNModule);
const enUS = interop(enUSModule);

dayjs.extend(utc);
dayjs.extend(timezone);

/** Remembered so the sign-in page can say why the person is back there. */
export const SESSION_ENDED_KEY = 'luoshi.sessionEnded';

function makeQueryClient(): QueryClient {
  const qc: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (e) => onAuthError(e) }),
    mutationCache: new MutationCache({ onError: (e) => onAuthError(e) }),
    defaultOptions: {
      queries: {
        // An answer from the server is final; only a lost connection is worth a retry.
        retry: (count, e) => count < 2 && (!(e instanceof ApiError) || e.code === 'network_error'),
        refetchOnWindowFocus: false,
      },
    },
  });
  // A 401 anywhere means the session is gone: forget it and everything read with it.
  function onAuthError(e: unknown) {
    if (isSignedOut(e)) {
      if (qc.getQueryData(sessionKey)) {
        try {
          sessionStorage.setItem(SESSION_ENDED_KEY, e.code);
        } catch {
          // ignore
        }
      }
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
      qc.setQueryData(sessionKey, null);
    } else if (isPasswordChangeRequired(e)) {
      void qc.invalidateQueries({ queryKey: sessionKey });
    }
  }
  return qc;
}

function LocalizedAntd({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={theme}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(makeQueryClient);
  return (
    <QueryClientProvider client={client}>
      <I18nProvider>
        <LocalizedAntd>{children}</LocalizedAntd>
      </I18nProvider>
    </QueryClientProvider>
  );
}
