import { LinkOutlined } from '@ant-design/icons';
import { Button, Drawer } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n.tsx';
import { TaskDetailView } from './task-detail-view.tsx';
import { useOpenTask } from './task-url.ts';

/** The task named by `?task=` in the URL, in a wide drawer over the list it was opened from. */
export function TaskDetailDrawer() {
  const { t } = useI18n();
  const [id, open] = useOpenTask();
  return (
    <Drawer
      open={id !== undefined}
      size={980}
      title={t('tasks.detailTitle')}
      onClose={() => open(undefined)}
      destroyOnHidden
      extra={
        id !== undefined && (
          <Link to={`/tasks/${id}`}>
            <Button type="text" icon={<LinkOutlined />}>
              {t('tasks.openAsPage')}
            </Button>
          </Link>
        )
      }
    >
      {id !== undefined && <TaskDetailView key={id} id={id} onOpen={open} onGone={() => open(undefined)} />}
    </Drawer>
  );
}
