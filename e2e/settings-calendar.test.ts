import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiCall, eventually, newContext, screenshot, signIn, useServerAndBrowser } from './support.ts';

/** 任务设置 (the office) and 工作日历 (the system administrator): the rules the lights and limits count with. */
const env = useServerAndBrowser();

async function asUser<T>(username: string, run: (page: Page) => Promise<T>): Promise<T> {
  const context = await newContext(env.browser, env.server.baseUrl);
  const page = await context.newPage();
  try {
    await signIn(page, username);
    return await run(page);
  } finally {
    await context.close();
  }
}

const visible = (page: Page, text: string | RegExp) =>
  eventually(() => page.getByText(text).first().isVisible()).toBe(true);

interface Settings {
  signWithinWorkingDays: number;
  yellowMaxGap: number;
  milestoneGraceDays: number;
  reportGraceDays: number;
}

describe('the rules behind the lights', () => {
  it('the office changes the yellow threshold and the rules read with the new value', async () => {
    await asUser('office', async (page) => {
      const before = await apiCall<Settings>(page, 'GET', '/api/v1/settings/tasks');
      await page.getByRole('menuitem', { name: '任务设置' }).click();
      const gap = page.getByLabel('黄灯阈值');
      await eventually(() => gap.inputValue()).toBe(String(before.body.yellowMaxGap));
      await gap.fill('15');
      await visible(page, '落后计划不超过 15 个百分点');
      await page.getByRole('button', { name: /保\s*存/ }).click();
      await visible(page, '已保存');
      const after = await apiCall<Settings>(page, 'GET', '/api/v1/settings/tasks');
      expect(after.body).toEqual({ ...before.body, yellowMaxGap: 15 });
      await screenshot(page, 'task-settings-office');
      await page.getByText('English', { exact: true }).click();
      await visible(page, 'How the lights work');
      await screenshot(page, 'task-settings-office-en');
    });
  });

  it('a liaison cannot open the settings page', async () => {
    await asUser('liaison-qj-t01', async (page) => {
      await page.goto('/settings/tasks');
      await visible(page, '您没有访问此页面的权限');
      const put = await apiCall(page, 'PUT', '/api/v1/settings/tasks', {
        signWithinWorkingDays: 1,
        yellowMaxGap: 1,
        milestoneGraceDays: 0,
        reportGraceDays: 0,
      });
      expect(put.status).toBe(403);
    });
  });

  it('the system administrator adds a make-up working day and clears it again', async () => {
    await asUser('admin', async (page) => {
      await page.getByRole('menuitem', { name: '工作日历' }).click();
      const heading = page.getByRole('heading', { name: /^\d{4} 年$/ });
      await eventually(() => heading.isVisible()).toBe(true);
      const year = Number((await heading.innerText()).slice(0, 4));
      // The last Saturday of December that is not special yet.
      const cal = await apiCall<{ days: { date: string }[] }>(page, 'GET', `/api/v1/calendar?year=${year}`);
      let d = new Date(Date.UTC(year, 11, 31));
      while (d.getUTCDay() !== 6 || cal.body.days.some((x) => x.date === d.toISOString().slice(0, 10)))
        d = new Date(d.getTime() - 86_400_000);
      const date = d.toISOString().slice(0, 10);
      await screenshot(page, 'calendar-admin');

      await page.getByLabel(date, { exact: true }).click();
      const dialog = page.getByRole('dialog');
      await eventually(() => dialog.getByText('调休上班').first().isVisible()).toBe(true);
      await dialog.getByLabel('名称').fill('元旦调休上班');
      await screenshot(page, 'calendar-day-dialog');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await visible(page, '已保存');
      const row = page.locator('.ant-table-row', { hasText: date });
      await eventually(() => row.innerText()).toMatch(/调休上班[\s\S]*元旦调休上班/);
      await eventually(() => page.getByLabel(`${date} 元旦调休上班（调休上班）`).isVisible()).toBe(true);
      await screenshot(page, 'calendar-admin-added');

      await row.getByRole('button', { name: /恢\s*复/ }).click();
      await page
        .locator('.ant-popover:visible')
        .getByRole('button', { name: /恢\s*复/ })
        .click();
      await visible(page, '已恢复为普通日');
      await eventually(() => row.count()).toBe(0);
      await page.getByText('English', { exact: true }).click();
      await visible(page, 'Working days');
      await screenshot(page, 'calendar-admin-en');
    });
  });
});
