import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Space, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ATTACHMENT_ACCEPT, attachmentUrl, useUpload, type Attachment } from '../api/attachments.ts';
import { ApiError } from '../api/client.ts';
import { useI18n } from '../app/i18n.tsx';

/** 12.3 KB / 1.2 MB */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Attached files as download links (the server checks who may read each one). */
export function AttachmentList({ items }: { items: readonly Attachment[] }) {
  if (items.length === 0) return null;
  return (
    <Space orientation="vertical" size={2} className="luoshi-attachments">
      {items.map((a) => (
        <a key={a.id} href={attachmentUrl(a.id)} target="_blank" rel="noopener noreferrer">
          <PaperClipOutlined /> {a.filename}{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            ({fileSize(a.size)})
          </Typography.Text>
        </a>
      ))}
    </Space>
  );
}

/**
 * 附件 for a form: each file is uploaded as soon as it is chosen; the value
 * is the uploaded files, whose ids go with the report or claim.
 */
export function AttachmentsInput({
  value = [],
  onChange,
  id,
}: {
  value?: Attachment[];
  onChange?: (v: Attachment[]) => void;
  id?: string;
}) {
  const { t, pick } = useI18n();
  const upload = useUpload();
  const [failed, setFailed] = useState<UploadFile[]>([]);
  const [busy, setBusy] = useState(0);
  // Several files may finish in any order: each adds to the latest list, not to the one it started with.
  const latest = useRef(value);
  useEffect(() => {
    latest.current = value;
  }, [value]);
  const done: UploadFile[] = value.map((a) => ({
    uid: String(a.id),
    name: `${a.filename} (${fileSize(a.size)})`,
    status: 'done',
    url: attachmentUrl(a.id),
  }));
  return (
    <Upload
      id={id}
      multiple
      accept={ATTACHMENT_ACCEPT}
      fileList={[...done, ...failed]}
      customRequest={({ file }) => {
        const f = file as File;
        setBusy((n) => n + 1);
        upload
          .mutateAsync(f)
          .then(
            (a) => {
              latest.current = [...latest.current, a];
              onChange?.(latest.current);
            },
            (e: unknown) =>
              setFailed((xs) => [
                ...xs,
                {
                  uid: `x${Date.now()}${f.name}`,
                  name: f.name,
                  status: 'error',
                  response: e instanceof ApiError ? pick(e.localized) : t('common.unexpectedError'),
                },
              ]),
          )
          .finally(() => setBusy((n) => n - 1));
      }}
      onRemove={(f) => {
        if (f.status === 'error') setFailed((xs) => xs.filter((x) => x.uid !== f.uid));
        else onChange?.(value.filter((a) => String(a.id) !== f.uid));
      }}
    >
      <Button icon={<UploadOutlined />} loading={busy > 0}>
        {t('attachments.add')}
      </Button>
      <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
        {t('attachments.hint')}
      </Typography.Text>
    </Upload>
  );
}
