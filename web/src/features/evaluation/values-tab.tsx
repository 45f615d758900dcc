import { DownloadOutlined, SaveOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Input, Select, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useValueMutations, useValues, type SchemeDetail } from '../../api/evaluation.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useErrorToast } from '../../components/api-errors.tsx';
import { SheetImportModal } from '../../components/sheet-import-modal.tsx';
import { periodLabel, periodOptions } from './periods.ts';

function ImportValues({
  schemeId,
  period,
  onClose,
}: {
  schemeId: number;
  period: string;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { importSheet } = useValueMutations(schemeId);
  return (
    <SheetImportModal
      title={t('eval.values.import')}
      refusedTitle={(n) => t('excel.refused', { n })}
      width={760}
      sending={importSheet.isPending}
      send={(file) =>
        importSheet.mutateAsync({ period, file }).then((r) => {
          void message.success(t('eval.values.imported', { n: r.imported }));
        })
      }
      onClose={onClose}
    />
  );
}

/** 录入得分: the entered indicators of a period, unit by unit; typed here or imported from the sheet. */
export function ValuesTab({
  scheme,
  period,
  setPeriod,
}: {
  scheme: SchemeDetail;
  period: string;
  setPeriod: (p: string) => void;
}) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const toast = useErrorToast();
  const values = useValues(scheme.id, period);
  const { save, template } = useValueMutations(scheme.id);
  const [edits, setEdits] = useState<Record<string, string | null>>({});
  const [importing, setImporting] = useState(false);
  const stored = useMemo(
    () => new Map((values.data?.items ?? []).map((v) => [`${v.unitId}:${v.indicatorId}`, v.value])),
    [values.data],
  );
  const data = values.data;
  const key = (u: number, i: string) => `${u}:${i}`;
  const valueOf = (u: number, i: string) =>
    key(u, i) in edits ? edits[key(u, i)] : (stored.get(key(u, i)) ?? null);
  const onSave = () => {
    const list = Object.entries(edits).map(([k, value]) => {
      const [u, ...rest] = k.split(':');
      return { unitId: Number(u), indicatorId: rest.join(':'), value: value === '' ? null : value };
    });
    save.mutate(
      { period, values: list },
      {
        onSuccess: (r) => {
          setEdits({});
          void message.success(t('eval.values.saved', { n: r.imported, m: r.cleared }));
        },
        onError: toast,
      },
    );
  };
  return (
    <Card size="small">
      <Typography.Paragraph type="secondary">{t('eval.values.sub')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 180 }}
          value={period}
          onChange={(p) => {
            setEdits({});
            setPeriod(p);
          }}
          aria-label={t('eval.period')}
          options={periodOptions(scheme.periodKind).map((p) => ({
            value: p.key,
            label: pick(periodLabel(p)),
          }))}
        />
        <Button icon={<DownloadOutlined />} onClick={() => void template(period).catch(toast)}>
          {t('eval.values.template')}
        </Button>
        <Button
          icon={<UploadOutlined />}
          onClick={() => setImporting(true)}
          disabled={!data?.indicators.length}
        >
          {t('eval.values.import')}
        </Button>
        <Button
          type="primary"
          icon={<SaveOutlined />}
          disabled={Object.keys(edits).length === 0}
          loading={save.isPending}
          onClick={onSave}
        >
          {t('common.save')}
        </Button>
      </Space>
      {data && data.indicators.length === 0 ? (
        <Alert type="info" showIcon title={t('eval.values.none')} />
      ) : (
        <Table
          rowKey="id"
          size="small"
          loading={values.isFetching}
          dataSource={data?.units ?? []}
          pagination={false}
          scroll={{ y: 520 }}
          columns={[
            { title: t('eval.unit'), dataIndex: 'name', width: 180 },
            ...(data?.indicators ?? []).map((ind) => ({
              title: ind.name,
              key: ind.id,
              width: 160,
              render: (_: unknown, u: { id: number }) => {
                const v = valueOf(u.id, ind.id);
                const set = (x: string | null) => setEdits((e) => ({ ...e, [key(u.id, ind.id)]: x }));
                return ind.graded ? (
                  <Select
                    allowClear
                    size="small"
                    style={{ width: 90 }}
                    value={v ?? undefined}
                    onChange={(x?: string) => set(x ?? null)}
                    aria-label={`${ind.name}`}
                    options={['A', 'B', 'C', 'D'].map((g) => ({ value: g, label: g }))}
                  />
                ) : (
                  <Input
                    size="small"
                    style={{ width: 100 }}
                    value={v ?? ''}
                    onChange={(e) => set(e.target.value.trim() === '' ? null : e.target.value)}
                  />
                );
              },
            })),
          ]}
        />
      )}
      {importing && <ImportValues schemeId={scheme.id} period={period} onClose={() => setImporting(false)} />}
    </Card>
  );
}
