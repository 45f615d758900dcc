import { DownloadOutlined, FileExcelOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../../api/client.ts';
import { useTaskImport, type SheetRowProblem } from '../../api/tasks.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useErrorToast } from '../../components/api-errors.tsx';

type QueryValue = string | number | boolean | null | undefined;

/** 导出 Excel: the list as it is filtered now. */
export function ExportButton({
  path,
  query = {},
  filename,
}: {
  path: string;
  query?: Record<string, QueryValue>;
  filename: string;
}) {
  const { t } = useI18n();
  const toast = useErrorToast();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      icon={<FileExcelOutlined />}
      loading={busy}
      onClick={() => {
        setBusy(true);
        api
          .download(path, query, filename)
          .catch(toast)
          .finally(() => setBusy(false));
      }}
    >
      {t('excel.export')}
    </Button>
  );
}

/** 下载模板: the empty task sheet with its headers and an example row. */
export function TemplateButton() {
  const { t } = useI18n();
  const toast = useErrorToast();
  return (
    <Button
      icon={<DownloadOutlined />}
      onClick={() => void api.download('/task-sheet/template.xlsx', {}, 'template.xlsx').catch(toast)}
    >
      {t('excel.template')}
    </Button>
  );
}

/** The problems of a refused sheet, row by row, with the closest known names. */
export function SheetProblems({ problems }: { problems: SheetRowProblem[] }) {
  const { t, pick } = useI18n();
  return (
    <Table<SheetRowProblem & { key: number }>
      size="small"
      dataSource={problems.map((p, key) => ({ ...p, key }))}
      pagination={problems.length > 8 ? { pageSize: 8, showSizeChanger: false } : false}
      columns={[
        { title: t('excel.row'), dataIndex: 'row', width: 70, render: (r: number | null) => r ?? '—' },
        { title: t('excel.column'), dataIndex: 'column', width: 110, render: (c: string | null) => c ?? '—' },
        { title: t('excel.problem'), key: 'm', render: (_, p) => pick(p.message) },
        {
          title: t('excel.suggestions'),
          key: 's',
          width: 200,
          render: (_, p) => (p.suggestions.length ? p.suggestions.map((s) => <Tag key={s}>{s}</Tag>) : '—'),
        },
      ]}
    />
  );
}

/** The row-by-row problems of a refused sheet, or null for any other error. */
export function sheetProblemsOf(e: unknown): SheetRowProblem[] | null {
  if (!(e instanceof ApiError) || e.code !== 'sheet_rows_invalid') return null;
  const d = e.detail as { problems?: SheetRowProblem[] } | undefined;
  return Array.isArray(d?.problems) ? d.problems : null;
}

/** 导入任务清单: one xlsx; every row becomes a draft, or nothing is written and each problem is listed. */
export function ImportModal({ campaignId, onClose }: { campaignId: number; onClose: () => void }) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [problems, setProblems] = useState<SheetRowProblem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const m = useTaskImport();
  const submit = () => {
    if (!file) return;
    setProblems(null);
    setError(null);
    m.mutate(
      { campaignId, file },
      {
        onSuccess: (r) => {
          void message.success(t('excel.imported', { n: r.imported }));
          onClose();
        },
        onError: (e) => {
          const rows = sheetProblemsOf(e);
          if (rows) setProblems(rows);
          else setError(e instanceof ApiError ? pick(e.localized) : t('common.unexpectedError'));
        },
      },
    );
  };
  return (
    <Modal
      open
      width={820}
      title={t('excel.importTitle')}
      onCancel={onClose}
      onOk={submit}
      okText={t('excel.import')}
      okButtonProps={{ disabled: !file }}
      confirmLoading={m.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('excel.importHint')}</Typography.Paragraph>
      <Upload.Dragger
        accept=".xlsx"
        maxCount={1}
        beforeUpload={(f) => {
          setFile(f);
          setProblems(null);
          setError(null);
          return false;
        }}
        onRemove={() => setFile(null)}
        fileList={file ? [{ uid: 'sheet', name: file.name, status: 'done' }] : []}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('excel.drop')}</p>
      </Upload.Dragger>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} role="alert" />}
      {problems && (
        <div style={{ marginTop: 16 }}>
          <Alert
            type="error"
            showIcon
            role="alert"
            title={t('excel.refused', { n: problems.length })}
            style={{ marginBottom: 12 }}
          />
          <SheetProblems problems={problems} />
        </div>
      )}
    </Modal>
  );
}

/** 导入: opens the import dialog. */
export function ImportButton({ campaignId }: { campaignId: number }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)}>
        {t('excel.import')}
      </Button>
      {open && <ImportModal campaignId={campaignId} onClose={() => setOpen(false)} />}
    </>
  );
}
