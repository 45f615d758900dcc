import { LinkOutlined } from '@ant-design/icons';
import { Button, Drawer } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n.tsx';
import { ProblemDetailView } from './problem-detail-view.tsx';
import { useOpenProblem } from './problem-url.ts';

/** The problem named by `?problem=` in the URL, in a wide drawer over the list it was opened from. */
export function ProblemDetailDrawer() {
  const { t } = useI18n();
  const [id, open] = useOpenProblem();
  return (
    <Drawer
      open={id !== undefined}
      size={980}
      title={t('problems.detailTitle')}
      onClose={() => open(undefined)}
      destroyOnHidden
      extra={
        id !== undefined && (
          <Link to={`/problems/${id}`}>
            <Button type="text" icon={<LinkOutlined />}>
              {t('tasks.openAsPage')}
            </Button>
          </Link>
        )
      }
    >
      {id !== undefined && <ProblemDetailView key={id} id={id} />}
    </Drawer>
  );
}
