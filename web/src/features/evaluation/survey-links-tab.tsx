import { LinkOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Popover,
  QRCode,
  Select,
  Space,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useSurveyLinkMutation, useSurveyLinks, type SurveyLink } from '../../api/evaluation.ts';
import { useCatalogue, useUnitTree } from '../../api/units.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useErrorToast } from '../../components/api-errors.tsx';

/** The address a phone opens: this site's origin and the link's path. */
const fullUrl = (path: string) => `${window.location.origin}${path}`;

interface Row {
  unitId: number;
  unitName: string;
  link: SurveyLink | undefined;
}

/** 群众口碑: each unit's public survey link and QR code (antd's QRCode, no extra library), this month's answers. */
export function SurveyLinksTab() {
  const { t, lang } = useI18n();
  const { modal } = App.useApp();
  const toast = useErrorToast();
  const groups = useCatalogue('peer-groups');
  const [group, setGroup] = useState<number | undefined>(undefined);
  const links = useSurveyLinks(group);
  const tree = useUnitTree();
  const create = useSurveyLinkMutation();
  const rows: Row[] = (links.data ?? []).map((l) => ({ unitId: l.unit.id, unitName: l.unit.name, link: l }));
  const columns: TableColumnsType<Row> = [
    { title: t('eval.unit'), dataIndex: 'unitName', width: 180 },
    {
      title: t('eval.survey.link'),
      key: 'link',
      render: (_, r) =>
        r.link ? (
          <Typography.Text copyable={{ text: fullUrl(r.link.path) }}>
            <a href={r.link.path} target="_blank" rel="noreferrer">
              <LinkOutlined /> {r.link.path}
            </a>
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('eval.survey.none')}</Typography.Text>
        ),
    },
    {
      title: t('eval.survey.qr'),
      key: 'qr',
      width: 90,
      render: (_, r) =>
        r.link && (
          <Popover content={<QRCode value={fullUrl(r.link.path)} size={200} />} trigger="click">
            <Button size="small">{t('eval.survey.qr')}</Button>
          </Popover>
        ),
    },
    {
      title: t('eval.survey.answers'),
      key: 'n',
      width: 110,
      align: 'right',
      render: (_, r) => r.link?.answersThisMonth ?? 0,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_, r) => (
        <Button
          size="small"
          icon={<ReloadOutlined />}
          onClick={() =>
            modal.confirm({
              title: t('eval.survey.rotateConfirm'),
              onOk: () => create.mutateAsync({ unitId: r.unitId, rotate: true }).catch(toast),
            })
          }
        >
          {t('eval.survey.rotate')}
        </Button>
      ),
    },
  ];
  const [unit, setUnit] = useState<number | undefined>();
  return (
    <Card
      size="small"
      title={
        <Typography.Text type="secondary" style={{ fontWeight: 400 }}>
          {t('eval.survey.sub')}
        </Typography.Text>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 180 }}
          allowClear
          value={group}
          onChange={setGroup}
          placeholder={t('eval.allGroups')}
          aria-label={t('eval.peerGroup')}
          options={(groups.data ?? []).map((g) => ({
            value: g.id,
            label: lang === 'zh' ? g.nameZh : g.nameEn,
          }))}
        />
        <Select
          showSearch
          allowClear
          optionFilterProp="label"
          style={{ width: 220 }}
          value={unit}
          onChange={setUnit}
          placeholder={t('eval.unit')}
          options={(tree.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
        />
        <Button
          type="primary"
          disabled={unit === undefined}
          loading={create.isPending}
          onClick={() => unit !== undefined && create.mutate({ unitId: unit }, { onError: toast })}
        >
          {t('eval.survey.create')}
        </Button>
      </Space>
      <Table<Row>
        rowKey="unitId"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={links.isFetching}
        pagination={false}
      />
    </Card>
  );
}
