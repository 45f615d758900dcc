import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { useI18n } from '../../app/i18n.tsx';
import { ProblemDetailView } from './problem-detail-view.tsx';

/** 问题详情 as a page of its own (a link from a notice, a negative list, another person). */
export function ProblemPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  return (
    <>
      <Button
        type="link"
        icon={<ArrowLeftOutlined />}
        onClick={() => void navigate(-1)}
        style={{ paddingInline: 0, marginBottom: 8 }}
      >
        {t('common.back')}
      </Button>
      <Card>{Number.isInteger(id) && id > 0 && <ProblemDetailView key={id} id={id} />}</Card>
    </>
  );
}
