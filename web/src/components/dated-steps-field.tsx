import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, InputNumber, Typography } from 'antd';
import { useI18n } from '../app/i18n.tsx';

/** The texts of a `DatedStepsField`, already translated. */
export interface DatedStepsLabels {
  date: string;
  title: string;
  titlePlaceholder: string;
  percent: string;
  add: string;
}

/**
 * An editable list of dated steps (a task's 时间节点, a long-term problem's 阶段目标): date, what is done by then,
 * and (optionally) the planned percent.
 */
export function DatedStepsField({ name, labels }: { name: string; labels: DatedStepsLabels }) {
  const { t } = useI18n();
  const required = [{ required: true, message: t('common.required') }];
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <div className="luoshi-milestones">
          {fields.length > 0 && (
            <div className="luoshi-milestone-row luoshi-milestone-head">
              <Typography.Text type="secondary">{labels.date}</Typography.Text>
              <Typography.Text type="secondary">{labels.title}</Typography.Text>
              <Typography.Text type="secondary">{labels.percent}</Typography.Text>
              <span />
            </div>
          )}
          {fields.map(({ key, name: row }) => (
            <div key={key} className="luoshi-milestone-row">
              <Form.Item name={[row, 'date']} rules={required}>
                <DatePicker style={{ width: '100%' }} aria-label={labels.date} />
              </Form.Item>
              <Form.Item name={[row, 'title']} rules={required}>
                <Input maxLength={200} placeholder={labels.titlePlaceholder} aria-label={labels.title} />
              </Form.Item>
              <Form.Item name={[row, 'percent']}>
                <InputNumber
                  min={0}
                  max={100}
                  suffix="%"
                  style={{ width: '100%' }}
                  aria-label={labels.percent}
                />
              </Form.Item>
              <Button
                type="text"
                icon={<DeleteOutlined />}
                aria-label={t('common.delete')}
                onClick={() => remove(row)}
              />
            </div>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} block>
            {labels.add}
          </Button>
        </div>
      )}
    </Form.List>
  );
}
