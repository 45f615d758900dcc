import { InboxOutlined } from '@ant-design/icons';
import { Alert, Modal, Table, Tag, Typography, Upload } from 'antd';
import { useState, type ReactNode } from 'react';
import { ApiError } from '../api/client.ts';
import type { SheetRowProblem } from '../api/tasks.ts';
import { useI18n } from '../app/i18n.tsx';

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

/**
 * 导入: one xlsx, all or nothing. The caller's `send` uploads the file and
 * resolves when everything was imported (the dialog then closes); a refused
 * sheet lists its problems row by row, any other error is shown as it is.
 */
export function SheetImportModal({
  title,
  hint,
  refusedTitle,
  width = 820,
  sending,
  send,
  onClose,
  children,
}: {
  title: string;
  hint?: string;
  /** The heading over a refused sheet's problems, given how many there are. */
  refusedTitle: (n: number) => string;
  width?: number;
  sending: boolean;
  send: (file: File) => Promise<unknown>;
  onClose: () => void;
  /** Fields above the file, e.g. the campaign the rows go to. */
  children?: ReactNode;
}) {
  const { t, pick } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [problems, setProblems] = useState<SheetRowProblem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    if (!file) return;
    setProblems(null);
    setError(null);
    send(file).then(onClose, (e: unknown) => {
      const rows = sheetProblemsOf(e);
      if (rows) setProblems(rows);
      else setError(e instanceof ApiError ? pick(e.localized) : t('common.unexpectedError'));
    });
  };
  return (
    <Modal
      open
      width={width}
      title={title}
      onCancel={onClose}
      onOk={submit}
      okText={t('excel.import')}
      okButtonProps={{ disabled: !file }}
      confirmLoading={sending}
      destroyOnHidden
    >
      {hint && <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>}
      {children}
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
            title={refusedTitle(problems.length)}
            style={{ marginBottom: 12 }}
          />
          <SheetProblems problems={problems} />
        </div>
      )}
    </Modal>
  );
}
