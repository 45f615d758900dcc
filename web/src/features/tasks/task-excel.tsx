import { DownloadOutlined, FileExcelOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useTaskImport } from '../../api/tasks.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useErrorToast } from '../../components/api-errors.tsx';
import { SheetImportModal } from '../../components/sheet-import-modal.tsx';

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

/** 导入任务清单: one xlsx; every row becomes a draft, or nothing is written and each problem is listed. */
export function ImportModal({ campaignId, onClose }: { campaignId: number; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const m = useTaskImport();
  return (
    <SheetImportModal
      title={t('excel.importTitle')}
      hint={t('excel.importHint')}
      refusedTitle={(n) => t('excel.refused', { n })}
      sending={m.isPending}
      send={(file) =>
        m.mutateAsync({ campaignId, file }).then((r) => {
          void message.success(t('excel.imported', { n: r.imported }));
        })
      }
      onClose={onClose}
    />
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
