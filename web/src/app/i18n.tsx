import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Localized } from '../api/client.ts';
import { roleLabels, type Role } from '../../../domain/roles.ts';
import { messages, type MessageKey } from './messages.ts';

export type Lang = 'zh' | 'en';

export const LANG_STORAGE_KEY = 'luoshi.lang';

function initialLang(): Lang {
  try {
    return localStorage.getItem(LANG_STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

/** Replaces `{name}` placeholders with values. */
function fill(text: string, vars?: Record<string, string | number>): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

export interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  /** The text for a key in the current language. */
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  /** Picks the current language from a zh/en pair (API messages, catalogue names). */
  pick(text: Localized): string;
  roleLabel(role: Role): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  const setLang = useCallback((next: Lang) => {
    try {
      localStorage.setItem(LANG_STORAGE_KEY, next);
    } catch {
      // private mode: the choice lasts for this page only
    }
    setLangState(next);
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, vars) => fill(messages[key][lang], vars),
      pick: (text) => text[lang],
      roleLabel: (role) => roleLabels[role]?.[lang] ?? role,
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
