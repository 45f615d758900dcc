import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Form } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useProblemImport } from '../../api/problems.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useCan } from '../../app/session-guard.tsx';
import { useErrorToast } from '../../components/api-errors.tsx';
import { SheetImportModal } from '../../components/sheet-import-modal.tsx';
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
  const { t } = useI18n();
  const { message } = App.useApp();
  const seesCampaigns = useCan('campaigns.browse');
  const [campaignId, setCampaignId] = useState<number | undefined>();
  const m = useProblemImport();
  return (
    <SheetImportModal
      title={t('problems.importTitle')}
      hint={t('problems.importHint')}
      refusedTitle={(n) => t('problems.importRefused', { n })}
      sending={m.isPending}
      send={(file) =>
        m.mutateAsync({ campaignId, file }).then((r) => {
          void message.success(t('problems.imported', { n: r.imported }));
        })
      }
      onClose={onClose}
    >
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
    </SheetImportModal>
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
