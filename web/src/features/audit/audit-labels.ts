import type { Localized } from '../../api/client.ts';

/** Human names of the audit actions; unknown ones show their code. */
export const auditActionLabels: Record<string, Localized> = {
  'session.sign_in': { zh: '登录', en: 'Signed in' },
  'session.sign_in_failed': { zh: '登录失败', en: 'Sign-in failed' },
  'session.sign_out': { zh: '退出登录', en: 'Signed out' },
  'person.create': { zh: '新增人员', en: 'Person added' },
  'person.update': { zh: '修改人员信息', en: 'Person edited' },
  'person.deactivate': { zh: '停用人员', en: 'Person deactivated' },
  'person.reactivate': { zh: '启用人员', en: 'Person reactivated' },
  'person.reset_password': { zh: '重置密码', en: 'Password reset' },
  'person.change_password': { zh: '修改密码', en: 'Password changed' },
  'unit.create': { zh: '新增单位', en: 'Unit added' },
  'unit.rename': { zh: '单位重命名', en: 'Unit renamed' },
  'unit.classify': { zh: '设置单位类型和赛道', en: 'Unit classified' },
  'unit.move': { zh: '移动单位', en: 'Unit moved' },
  'unit.deactivate': { zh: '停用单位', en: 'Unit deactivated' },
  'unit.reactivate': { zh: '启用单位', en: 'Unit reactivated' },
  'unit.delete': { zh: '删除单位', en: 'Unit deleted' },
  'unit_type.create': { zh: '新增单位类型', en: 'Unit type added' },
  'unit_type.rename': { zh: '单位类型重命名', en: 'Unit type renamed' },
  'peer_group.create': { zh: '新增赛道', en: 'Peer group added' },
  'peer_group.rename': { zh: '赛道重命名', en: 'Peer group renamed' },
  'grant.create': { zh: '授予角色', en: 'Role granted' },
  'grant.revoke': { zh: '撤销授权', en: 'Role revoked' },
  'system.seed_demo': { zh: '载入演示数据', en: 'Demo data loaded' },
};

export const auditObjectTypes: Record<string, Localized> = {
  unit: { zh: '单位', en: 'Unit' },
  person: { zh: '人员', en: 'Person' },
  grant: { zh: '授权', en: 'Grant' },
  unit_type: { zh: '单位类型', en: 'Unit type' },
  peer_group: { zh: '赛道', en: 'Peer group' },
  district: { zh: '区县', en: 'District' },
};

export const brokenReasons: Record<string, Localized> = {
  hash_mismatch: {
    zh: '记录或封存与哈希值不符（疑似被篡改）',
    en: 'the entry or its seal does not match the hash (possibly altered)',
  },
  prev_mismatch: { zh: '与上一条封存的哈希链接断开', en: 'the link to the previous seal is broken' },
  missing_seal: { zh: '封存缺失', en: 'a seal is missing' },
  missing_entry: { zh: '已封存或待封存的记录缺失', en: 'a sealed or queued entry is missing' },
  unsealed_entry: {
    zh: '记录既未封存也不在待封存队列中（封存可能被删除）',
    en: 'the entry is neither sealed nor queued for sealing (its seal may have been removed)',
  },
  sealing_overdue: {
    zh: '记录等待封存超时（封存任务可能未运行）',
    en: 'the entry has waited too long for its seal (is the sealer running?)',
  },
};
