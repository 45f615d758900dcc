import { Button, Empty, Space, Tag, Typography } from 'antd';
import { useTaskMutations } from '../../api/tasks.ts';
import type { Instruction, TaskDetail } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import { beijingTime } from './task-reports.tsx';
import type { TaskDialog } from './task-dialog-host.tsx';

function InstructionCard({ ins, open }: { ins: Instruction; open: (d: TaskDialog) => void }) {
  const { t } = useI18n();
  const m = useTaskMutations();
  const waiting = ins.answer === null;
  return (
    <div className={`luoshi-instruction${waiting ? ' is-open' : ''}`} data-testid={`instruction-${ins.id}`}>
      <div className="luoshi-instruction-head">
        <Space size={8} wrap>
          <Typography.Text strong>{t('instructions.by', { name: ins.leader.name })}</Typography.Text>
          <Typography.Text type="secondary">{beijingTime(ins.at)}</Typography.Text>
          {waiting ? (
            <Tag color="magenta">{t('instructions.waiting')}</Tag>
          ) : (
            <Tag color="success">{t('instructions.answered')}</Tag>
          )}
        </Space>
        {ins.abilities.answer && (
          <Button
            type="primary"
            size="small"
            onClick={() =>
              open({
                kind: 'text',
                action: {
                  title: t('instructions.answerTitle'),
                  field: 'answer',
                  label: t('instructions.answer'),
                  okText: t('instructions.answerSubmit'),
                  done: t('instructions.answeredDone'),
                  max: 4000,
                  context: <blockquote className="luoshi-quote">{ins.text}</blockquote>,
                  placeholder: t('instructions.answerPlaceholder'),
                  submit: (answer) => m.answer.mutateAsync({ instructionId: ins.id, answer }),
                },
              })
            }
          >
            {t('instructions.answerButton')}
          </Button>
        )}
      </div>
      <blockquote className="luoshi-quote">{ins.text}</blockquote>
      {ins.answer !== null && (
        <div className="luoshi-instruction-answer">
          <Typography.Text type="secondary">
            {t('instructions.answerBy', {
              name: ins.answeredBy?.name ?? '',
              at: ins.answeredAt ? beijingTime(ins.answeredAt) : '',
            })}
          </Typography.Text>
          <div className="luoshi-pre">{ins.answer}</div>
        </div>
      )}
    </div>
  );
}

/** 领导批示 with the unit's answers; an unanswered one stands out. */
export function TaskInstructions({ task, open }: { task: TaskDetail; open: (d: TaskDialog) => void }) {
  const { t } = useI18n();
  if (task.instructions.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('instructions.none')} />;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {[...task.instructions].reverse().map((ins) => (
        <InstructionCard key={ins.id} ins={ins} open={open} />
      ))}
    </Space>
  );
}
