import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, InputNumber, Typography } from 'antd';
import { useI18n } from '../../app/i18n.tsx';

/** 时间节点 as an editable list: date, what is done by then, and (optionally) the planned percent. */
export function MilestonesField() {
  const { t } = useI18n();
  const required = [{ required: true, message: t('common.required') }];
  return (
    <Form.List name="milestones">
      {(fields, { add, remove }) => (
        <div className="luoshi-milestones">
          {fields.length > 0 && (
            <div className="luoshi-milestone-row luoshi-milestone-head">
              <Typography.Text type="secondary">{t('tasks.milestoneDate')}</Typography.Text>
              <Typography.Text type="secondary">{t('tasks.milestoneTitle')}</Typography.Text>
              <Typography.Text type="secondary">{t('tasks.milestonePercent')}</Typography.Text>
              <span />
            </div>
          )}
          {fields.map(({ key, name }) => (
            <div key={key} className="luoshi-milestone-row">
              <Form.Item name={[name, 'date']} rules={required}>
                <DatePicker style={{ width: '100%' }} aria-label={t('tasks.milestoneDate')} />
              </Form.Item>
              <Form.Item name={[name, 'title']} rules={required}>
                <Input
                  maxLength={200}
                  placeholder={t('tasks.milestoneTitlePlaceholder')}
                  aria-label={t('tasks.milestoneTitle')}
                />
              </Form.Item>
              <Form.Item name={[name, 'percent']}>
                <InputNumber
                  min={0}
                  max={100}
                  suffix="%"
                  style={{ width: '100%' }}
                  aria-label={t('tasks.milestonePercent')}
                />
              </Form.Item>
              <Button
                type="text"
                icon={<DeleteOutlined />}
                aria-label={t('common.delete')}
                onClick={() => remove(name)}
              />
            </div>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} block>
            {t('tasks.addMilestone')}
          </Button>
        </div>
      )}
    </Form.List>
  );
}
