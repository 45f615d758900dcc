import type { TaskSettings } from '../contracts/tasks.ts';
import { defaultLightThresholds } from './status-light.ts';

/** The defaults of the task settings until the office changes them. */
export const defaultTaskSettings: TaskSettings = {
  signWithinWorkingDays: 3,
  yellowMaxGap: defaultLightThresholds.yellowMaxGap,
  milestoneGraceDays: defaultLightThresholds.milestoneGraceDays,
  reportGraceDays: 3,
};
