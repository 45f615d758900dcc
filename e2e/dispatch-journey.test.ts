import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  apiCall,
  chooseUnit,
  confirmPopover,
  eventually,
  newContext,
  screenshot,
  signIn,
  useServerAndBrowser,
} from './support.ts';

/**
 * 调度 and 报送: the office records a dispatch meeting and turns its decision
 * into an issued task, then sets up a reporting item that the town sends and
 * its head approves.
 */
const env = useServerAndBrowser();

const beijing = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
const day = (offset: number) => beijing(new Date(Date.now() + offset * 86_400_000));

const meetingTitle = '作风提升行动第二次调度会';
const decision = '12月底前完成城北片区背街小巷路灯改造';
const itemTitle = '背街小巷整治周报';
let campaignId = 0;
let town = '';
let leader = '';

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

describe('调度会 and 报送事项', () => {
  it('the office records a dispatch meeting with a decision', async () => {
    await asUser('office', async (page) => {
      const c = await apiCall<{ items: { id: number }[] }>(page, 'GET', '/api/v1/campaigns');
      campaignId = c.body.items[0]!.id;
      const u = await apiCall<{ items: { name: string }[] }>(page, 'GET', '/api/v1/units?q=QJ-T01&limit=1');
      town = u.body.items[0]!.name;
      const l = await apiCall<{ items: { name: string }[] }>(page, 'GET', '/api/v1/people?role=leader');
      leader = l.body.items[0]!.name;

      await page.goto(`/campaigns/${campaignId}`);
      await page.getByRole('tab', { name: '调度会' }).click();
      await page.getByRole('button', { name: '记录调度会' }).click();
      const drawer = page.locator('.ant-drawer', { hasText: '议定事项' });
      await drawer.getByLabel('会议名称').fill(meetingTitle);
      await drawer.getByLabel('地点').fill('区行政中心第三会议室');
      await drawer.getByLabel('参会人员', { exact: true }).click();
      await drawer.getByLabel('参会人员', { exact: true }).fill(leader);
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: leader }).click();
      await drawer.getByLabel('其他参会人员').fill('城北街道、区城市管理局主要负责人');
      await drawer.getByLabel('研究的任务').click();
      await drawer.getByLabel('研究的任务').fill('SK-08');
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'SK-08' })
        .click();
      await drawer.getByLabel('会议纪要').fill('听取背街小巷改造进展汇报，研究路灯改造资金和时限。');
      await drawer.getByLabel('议定事项 1').fill(decision);
      await screenshot(page, 'meeting-drawer');
      await drawer.getByRole('button', { name: /保\s*存/ }).click();
      await visible(page, '调度会已记录');
      await eventually(() => page.locator('.luoshi-meeting', { hasText: meetingTitle }).isVisible()).toBe(
        true,
      );
      await screenshot(page, 'meetings-office');
    });
  });

  it('the office turns the decision into a task issued to the town in one step', async () => {
    await asUser('office', async (page) => {
      await page.goto(`/campaigns/${campaignId}?tab=meetings`);
      const card = page.locator('.luoshi-meeting', { hasText: meetingTitle });
      await card
        .locator('.ant-list-item', { hasText: decision })
        .getByRole('button', { name: '转为任务' })
        .click();
      const drawer = page.locator('.ant-drawer', { hasText: '转为任务并下达' });
      await eventually(() => drawer.getByLabel('任务名称').inputValue()).toBe(decision);
      await drawer.getByLabel('编号').fill('DD-01');
      await drawer.getByLabel('包保领导').click();
      await drawer.getByLabel('包保领导').fill(leader);
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: leader }).click();
      await chooseUnit(page, '牵头单位', town);
      await screenshot(page, 'meeting-decision-to-task');
      await drawer.getByRole('button', { name: '转为任务并下达' }).click();
      await visible(page, '已转为任务并下达');
      const detail = page.locator('.ant-drawer', { hasText: '任务详情' });
      await eventually(() => detail.getByRole('heading', { name: decision }).isVisible()).toBe(true);
      await eventually(() => detail.getByText('已下达').first().isVisible()).toBe(true);
      await page.keyboard.press('Escape');
      await eventually(() => card.getByRole('button', { name: '已转为任务' }).isVisible()).toBe(true);
    });
  });

  it('the office sets up a weekly reporting item for the town', async () => {
    await asUser('office', async (page) => {
      await page.goto(`/campaigns/${campaignId}?tab=items`);
      await page.getByRole('button', { name: '新建报送事项' }).click();
      const drawer = page.locator('.ant-drawer', { hasText: '报送宽限' });
      await drawer.getByLabel('事项名称').fill(itemTitle);
      await drawer.getByLabel('报送要求').fill('每周报送整治条数、拆违处数和群众投诉办理情况。');
      await drawer.getByText('每周', { exact: true }).click();
      await chooseUnit(page, '报送单位', town);
      await drawer.getByLabel('事项名称').click();
      await drawer.getByPlaceholder('开始日期').click();
      await drawer.getByPlaceholder('开始日期').fill(day(-14));
      await drawer.getByPlaceholder('开始日期').press('Enter');
      await drawer.getByPlaceholder('结束日期').fill(day(60));
      await drawer.getByPlaceholder('结束日期').press('Enter');
      await screenshot(page, 'report-item-drawer');
      await drawer.getByRole('button', { name: /保\s*存/ }).click();
      await visible(page, '报送事项已创建');
      const row = page.locator('.ant-table-row', { hasText: itemTitle });
      await eventually(() => row.innerText()).toMatch(/0 \/ 1/);
      await screenshot(page, 'report-items-office');
    });
  });

  it('the town liaison sends it and the head approves it', async () => {
    await asUser('liaison-qj-t01', async (page) => {
      await page.goto('/my-tasks?tab=items');
      const card = page.locator('.luoshi-item', { hasText: itemTitle });
      await eventually(() => card.getByText('未报送').isVisible()).toBe(true);
      await card.getByRole('button', { name: /报\s*送/ }).click();
      const modal = page.getByRole('dialog', { name: new RegExp(itemTitle) });
      await modal.getByLabel('报送内容').fill('本周完成整治 9 条，拆除违章搭建 4 处，办结群众投诉 12 件。');
      await modal.getByRole('button', { name: '提交审核' }).click();
      await visible(page, '已提交，经本单位负责人审核后报送领导小组办公室');
      await eventually(() => card.getByText('待负责人审核').isVisible()).toBe(true);
      await screenshot(page, 'report-items-liaison');
    });
    await asUser('head-qj-t01', async (page) => {
      await page.goto('/my-tasks?tab=items');
      const card = page.locator('.luoshi-item', { hasText: itemTitle });
      await card.getByRole('button', { name: '审核通过' }).click();
      await confirmPopover(page, /审核通过/);
      await visible(page, '已审核通过');
      await eventually(() => card.getByText('已报送', { exact: true }).isVisible()).toBe(true);
      await screenshot(page, 'report-items-head');
    });
  });

  it('the office sees the town has sent this period', async () => {
    await asUser('office', async (page) => {
      await page.goto(`/campaigns/${campaignId}?tab=items`);
      const row = page.locator('.ant-table-row', { hasText: itemTitle });
      await eventually(() => row.innerText()).toMatch(/1 \/ 1/);
      await row.locator('.ant-table-row-expand-icon').click();
      await visible(page, '本周完成整治 9 条');
      await screenshot(page, 'report-items-office-sent');
      const items = await apiCall<{ title: string; submissions: { status: string }[] }[]>(
        page,
        'GET',
        `/api/v1/campaigns/${campaignId}/report-items`,
      );
      expect(items.body.find((i) => i.title === itemTitle)?.submissions.map((s) => s.status)).toEqual([
        'approved',
      ]);
      await page.getByText('English', { exact: true }).click();
      await visible(page, 'Reporting items');
      await screenshot(page, 'report-items-office-en');
      await page.getByRole('tab', { name: 'Dispatch meetings' }).click();
      await visible(page, 'Became a task');
      await screenshot(page, 'meetings-office-en');
    });
  });
});
