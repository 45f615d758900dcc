import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Modal, Typography, Upload } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../../api/client.ts';
import { useProblemImport } from '../../api/problems.ts';
import type { SheetRowProblem } from '../../api/tasks.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useCan } from '../../app/session-guard.tsx';
import { useErrorToast } from '../../components/api-errors.tsx';
import { SheetProblems, sheetProblemsOf } from '../tasks/task-excel.tsx';
import { CampaignSelect } from './problem-pickers.tsx';

/** 下载模板: the empty findings sheet with its headers, notes and the names to choose from. */
export function ProblemTemplateButton() {
  const { t } = useI18n();
  const toast = useErrorToast();
  return (
    <Button
      icon={<DownloadOutlined />}
      onClick={() =>
        void api.download('/problem-sheet/template.xlsx', {}, 'problem-template.xlsx').catch(toast)
      }
    >
      {t('excel.template')}
    </Button>
  );
}

/** 导入问题清单: one xlsx; every row becomes a problem, or nothing is written and each problem is listed. */
function ImportModal({ onClose }: { onClose: () => void }) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const seesCampaigns = useCan('campaigns.browse');
  const [file, setFile] = useState<File | null>(null);
  const [campaignId, setCampaignId] = useState<number | undefined>();
  const [problems, setProblems] = useState<SheetRowProblem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const m = useProblemImport();
  const submit = () => {
    if (!file) return;
    setProblems(null);
    setError(null);
    m.mutate(
      { campaignId, file },
      {
        onSuccess: (r) => {
          void message.success(t('problems.imported', { n: r.imported }));
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
      title={t('problems.importTitle')}
      onCancel={onClose}
      onOk={submit}
      okText={t('excel.import')}
      okButtonProps={{ disabled: !file }}
      confirmLoading={m.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('problems.importHint')}</Typography.Paragraph>
      {seesCampaigns && (
        <Form layout="vertical">
          <Form.Item label={t('problems.campaign')} extra={t('problems.campaignHint')}>
            <CampaignSelect
              value={campaignId}
              onChange={setCampaignId}
              placeholder={t('problems.noCampaign')}
            />
          </Form.Item>
        </Form>
      )}
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
            title={t('problems.importRefused', { n: problems.length })}
            style={{ marginBottom: 12 }}
          />
          <SheetProblems problems={problems} />
        </div>
      )}
    </Modal>
  );
}

/** 导入: opens the import dialog. */
export function ProblemImportButton() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)}>
        {t('excel.import')}
      </Button>
      {open && <ImportModal onClose={() => setOpen(false)} />}
    </>
  );
}
