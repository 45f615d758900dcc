import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { BrandMark } from '../../app/brand.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { LanguageSwitch } from '../../app/layout.tsx';

/** The frame of the public pages: no menu, no account; a way in for staff. */
export function PublicLayout({
  title,
  children,
  narrow,
}: {
  title: string;
  children: ReactNode;
  narrow?: boolean;
}) {
  const { t } = useI18n();
  return (
    <div className="luoshi-public">
      <header className="luoshi-public-header">
        <div style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
          <BrandMark size={36} />
          <h1>{title}</h1>
        </div>
        <div style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
          <LanguageSwitch />
          {!narrow && (
            <Link to="/login" style={{ color: '#fff' }}>
              {t('public.signIn')}
            </Link>
          )}
        </div>
      </header>
      <main className={narrow ? 'luoshi-survey' : 'luoshi-public-main'}>{children}</main>
    </div>
  );
}
