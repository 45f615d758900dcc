import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { useI18n } from '../../app/i18n.tsx';
import { TaskDetailView } from './task-detail-view.tsx';

/** 任务详情 as a page of its own (a link from a notice or another person). */
export function TaskPage() {
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
      <Card>
        {Number.isInteger(id) && id > 0 && (
          <TaskDetailView
            key={id}
            id={id}
            onOpen={(x) => void navigate(`/tasks/${x}`)}
            onGone={() => void navigate(-1)}
          />
        )}
      </Card>
    </>
  );
}
