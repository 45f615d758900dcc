import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, InputNumber, Typography } from 'antd';
import { useI18n } from '../../app/i18n.tsx';

/** 阶段目标 of a long-term problem: date, what is done by then, and (optionally) the planned percent. */
export function StagesField() {
  const { t } = useI18n();
  const required = [{ required: true, message: t('common.required') }];
  return (
    <Form.List name="stages">
      {(fields, { add, remove }) => (
        <div className="luoshi-milestones">
          {fields.length > 0 && (
            <div className="luoshi-milestone-row luoshi-milestone-head">
              <Typography.Text type="secondary">{t('problems.stageDate')}</Typography.Text>
              <Typography.Text type="secondary">{t('problems.stageTitle')}</Typography.Text>
              <Typography.Text type="secondary">{t('problems.stagePercent')}</Typography.Text>
              <span />
            </div>
          )}
          {fields.map(({ key, name }) => (
            <div key={key} className="luoshi-milestone-row">
              <Form.Item name={[name, 'date']} rules={required}>
                <DatePicker style={{ width: '100%' }} aria-label={t('problems.stageDate')} />
              </Form.Item>
              <Form.Item name={[name, 'title']} rules={required}>
                <Input
                  maxLength={200}
                  placeholder={t('problems.stageTitlePlaceholder')}
                  aria-label={t('problems.stageTitle')}
                />
              </Form.Item>
              <Form.Item name={[name, 'percent']}>
                <InputNumber
                  min={0}
                  max={100}
                  suffix="%"
                  style={{ width: '100%' }}
                  aria-label={t('problems.stagePercent')}
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
            {t('problems.addStage')}
          </Button>
        </div>
      )}
    </Form.List>
  );
}
