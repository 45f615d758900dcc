import type { Cadence } from '../../api/types.ts';
import type { MessageKey } from '../../app/messages.ts';

export const cadenceLabel: Record<Cadence, MessageKey> = {
  weekly: 'cadence.weekly',
  half_monthly: 'cadence.half_monthly',
  monthly: 'cadence.monthly',
  quarterly: 'cadence.quarterly',
};

export const reportStatusLabel: Record<'submitted' | 'approved' | 'returned', MessageKey> = {
  submitted: 'reports.submitted',
  approved: 'reports.approved',
  returned: 'reports.returned',
};

export const changeStatusLabel: Record<'pending' | 'approved' | 'rejected', MessageKey> = {
  pending: 'changes.pending',
  approved: 'changes.approved',
  rejected: 'changes.rejected',
};
