import { stepIn, type StepResult, type TransitionTable } from '../lifecycle.ts';
import type { Role } from '../roles.ts';

/**
 * 问题线索移送: a clue found in supervision (an inspection, a problem, a
 * petition) handed to the discipline commission, which accepts or returns it
 * and, once accepted, disposes of it in one of the ways clues are handled.
 */
export const clueStatuses = [
  'draft', // 待移送
  'transferred', // 已移送
  'returned', // 已退回: the commission asks for more material
  'accepted', // 已受理
  'concluded', // 已办结, with a disposal
  'withdrawn', // 已撤回 before the commission took it
] as const;
export type ClueStatus = (typeof clueStatuses)[number];

export const clueActions = [
  'transfer', // 移送 (office, inspector); again after a return
  'return', // 退回 (discipline)
  'accept', // 受理 (discipline)
  'conclude', // 办结 with a disposal (discipline)
  'withdraw', // 撤回 (office, inspector)
] as const;
export type ClueAction = (typeof clueActions)[number];

export const clueTransitions: TransitionTable<ClueStatus, ClueAction, Role> = {
  transfer: { from: ['draft', 'returned'], to: 'transferred', actors: ['office', 'inspector'] },
  return: { from: ['transferred'], to: 'returned', actors: ['discipline'] },
  accept: { from: ['transferred'], to: 'accepted', actors: ['discipline'] },
  conclude: { from: ['accepted'], to: 'concluded', actors: ['discipline'] },
  withdraw: { from: ['draft', 'returned'], to: 'withdrawn', actors: ['office', 'inspector'] },
};

/** Guards one move of a clue transfer. */
export function nextClueStatus(
  from: ClueStatus,
  action: ClueAction,
  roles: readonly Role[],
): StepResult<ClueStatus> {
  return stepIn(clueTransitions, from, action, roles);
}

/** 线索处置方式: how the commission disposed of an accepted clue. */
export const clueDisposals = [
  'talk_or_inquiry', // 谈话函询
  'preliminary_verification', // 初步核实
  'case_opened', // 立案审查调查
  'shelved', // 暂存待查
  'closed', // 予以了结
] as const;
export type ClueDisposal = (typeof clueDisposals)[number];

export const clueDisposalLabels: Readonly<Record<ClueDisposal, { zh: string; en: string }>> = {
  talk_or_inquiry: { zh: '谈话函询', en: 'Talk or written inquiry' },
  preliminary_verification: { zh: '初步核实', en: 'Preliminary verification' },
  case_opened: { zh: '立案审查调查', en: 'Case opened' },
  shelved: { zh: '暂存待查', en: 'Kept on file' },
  closed: { zh: '予以了结', en: 'Closed' },
};
