import { Card } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { CluesList } from './clues-list.tsx';

/** 线索移送 for the office and inspectors (the commission works them from 问责). */
export function CluesPage() {
  const { t } = useI18n();
  return (
    <>
      <PageTitle title={t('nav.clues')} sub={t('clues.sub')} />
      <Card>
        <CluesList />
      </Card>
    </>
  );
}
