import { App, Button, Popconfirm, Space } from 'antd';
import { useCampaignMutations } from '../../api/campaigns.ts';
import type { Campaign } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useErrorToast } from '../../components/api-errors.tsx';

/** Edit, close (结束) or reopen a campaign: only with the `edit` ability. */
export function CampaignActions({
  campaign,
  onEdit,
  size = 'small',
}: {
  campaign: Campaign;
  onEdit: (c: Campaign) => void;
  size?: 'small' | 'middle';
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const toast = useErrorToast();
  const m = useCampaignMutations();
  if (!campaign.abilities.edit) return null;
  const link = size === 'small' ? { type: 'link' as const, size, style: { paddingInline: 4 } } : { size };
  const setClosed = (closed: boolean) =>
    m.update
      .mutateAsync({ id: campaign.id, closed })
      .then(() => void message.success(t(closed ? 'campaigns.closedDone' : 'campaigns.reopenedDone')), toast);
  return (
    <Space size={size === 'small' ? 0 : 8} wrap>
      <Button {...link} onClick={() => onEdit(campaign)}>
        {t('common.edit')}
      </Button>
      {campaign.closed ? (
        <Popconfirm
          title={t('campaigns.confirmReopen', { name: campaign.name })}
          okText={t('campaigns.reopen')}
          onConfirm={() => setClosed(false)}
        >
          <Button {...link}>{t('campaigns.reopen')}</Button>
        </Popconfirm>
      ) : (
        <Popconfirm
          title={t('campaigns.confirmClose', { name: campaign.name })}
          description={t('campaigns.confirmCloseHint')}
          okText={t('campaigns.close')}
          okButtonProps={{ danger: true }}
          onConfirm={() => setClosed(true)}
        >
          <Button {...link} danger>
            {t('campaigns.close')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}
