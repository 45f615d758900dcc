import { Col, Row } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { CategorySettings } from './category-settings.tsx';
import { SourceSettings } from './source-settings.tsx';

/** 问题设置 (admin, office): the problem sources and the category tree. */
export function ProblemSettingsPage() {
  const { t } = useI18n();
  return (
    <>
      <PageTitle title={t('nav.problemSettings')} sub={t('psettings.sub')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={13}>
          <SourceSettings />
        </Col>
        <Col xs={24} xxl={11}>
          <CategorySettings />
        </Col>
      </Row>
    </>
  );
}
