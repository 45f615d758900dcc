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
 * 调整 and 办结: a town asks to move a deadline (refused once, then approved,
 * never edited), the office splits a task to the town's communities, and a
 * completion claim is sent back once before the office verifies it.
 */
const env = useServerAndBrowser();

const beijing = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
const day = (offset: number) => beijing(new Date(Date.now() + offset * 86_400_000));

let taskId = 0;
let splitId = 0;
const communities: string[] = [];

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

const detailOf = (page: Page) => page.locator('.ant-drawer', { hasText: '任务详情' });

interface Detail {
  id: number;
  status: string;
  deadline: string;
  returnCount: number;
  subtasks: { leadUnit: { name: string } }[];
  changeRequests: { status: string }[];
}

describe('调整申请, 分解 and 办结', () => {
  it('setup: the office issues two tasks to the town, which signs for them (API)', async () => {
    await asUser('office', async (page) => {
      const town = (await apiCall<{ items: { id: number }[] }>(page, 'GET', '/api/v1/units?q=QJ-T01&limit=1'))
        .body.items[0]!.id;
      // Two communities whose names are unique in the district, so the tree search finds one node each.
      const kids = await apiCall<{ items: { name: string }[] }>(
        page,
        'GET',
        `/api/v1/units?parentId=${town}&limit=20`,
      );
      for (const k of kids.body.items) {
        const same = await apiCall<{ total: number }>(
          page,
          'GET',
          `/api/v1/units?q=${encodeURIComponent(k.name)}`,
        );
        if (same.body.total === 1 && communities.length < 2) communities.push(k.name);
      }
      expect(communities).toHaveLength(2);
      const leader = (await apiCall<{ items: { id: number }[] }>(page, 'GET', '/api/v1/people?role=leader'))
        .body.items[0]!.id;
      const c = await apiCall<{ id: number }>(page, 'POST', '/api/v1/campaigns', {
        name: '营商环境提升专项行动',
        start: day(-60),
        end: day(120),
      });
      const draft = (code: string, title: string) => ({
        code,
        title,
        leaderIds: [leader],
        leadUnitId: town,
        start: day(-30),
        deadline: day(30),
        cadence: 'monthly',
      });
      const a = await apiCall<{ id: number }>(
        page,
        'POST',
        `/api/v1/campaigns/${c.body.id}/tasks`,
        draft('YS-01', '企业开办一日办结'),
      );
      const b = await apiCall<{ id: number }>(
        page,
        'POST',
        `/api/v1/campaigns/${c.body.id}/tasks`,
        draft('YS-02', '社区“一站式”便民服务点全覆盖'),
      );
      expect([a.status, b.status]).toEqual([201, 201]);
      taskId = a.body.id;
      splitId = b.body.id;
      expect((await apiCall(page, 'POST', `/api/v1/campaigns/${c.body.id}/issue-drafts`, {})).status).toBe(
        200,
      );
    });
    await asUser('liaison-qj-t01', async (page) => {
      for (const id of [taskId, splitId])
        expect((await apiCall(page, 'POST', `/api/v1/tasks/${id}/sign`, {})).status).toBe(200);
    });
  });

  it('the town asks to move the deadline; the office refuses with a reason', async () => {
    await asUser('liaison-qj-t01', async (page) => {
      await page.goto(`/my-tasks?task=${taskId}`);
      const detail = detailOf(page);
      await detail.getByRole('button', { name: '申请调整' }).click();
      const modal = page.getByRole('dialog', { name: /申请调整/ });
      await modal.getByLabel('调整后的完成时限').fill(day(90));
      await modal.getByLabel('调整后的完成时限').press('Enter');
      await modal.getByLabel('申请理由').fill('市场监管总局系统升级，需同步改造审批流程。');
      await screenshot(page, 'change-request-modal');
      await modal.getByRole('button', { name: '提交申请' }).click();
      await visible(page, '调整申请已提交，由领导小组办公室审批');
      await eventually(() => detail.getByText('待审批').first().isVisible()).toBe(true);
      // One request at a time: the button is gone while it is pending.
      expect(await detail.getByRole('button', { name: '申请调整' }).count()).toBe(0);
    });
    await asUser('office', async (page) => {
      await page.goto(`/tasks/${taskId}`);
      await page.getByRole('button', { name: /驳\s*回/ }).click();
      const modal = page.getByRole('dialog', { name: /驳回调整申请/ });
      await modal.getByLabel('驳回理由').fill('延期过长，请压缩至一个月内。');
      await modal.getByRole('button', { name: /驳\s*回/ }).click();
      await visible(page, '已驳回');
    });
  });

  it('the town asks again; the office approves and the deadline moves, with the history kept', async () => {
    await asUser('liaison-qj-t01', async (page) => {
      await page.goto(`/my-tasks?task=${taskId}`);
      await detailOf(page).getByRole('button', { name: '申请调整' }).click();
      const modal = page.getByRole('dialog', { name: /申请调整/ });
      await modal.getByLabel('调整后的完成时限').fill(day(55));
      await modal.getByLabel('调整后的完成时限').press('Enter');
      await modal.getByLabel('申请理由').fill('压缩改造周期，延期 25 天。');
      await modal.getByRole('button', { name: '提交申请' }).click();
      await visible(page, '调整申请已提交');
    });
    await asUser('office', async (page) => {
      await page.goto(`/tasks/${taskId}`);
      await page.getByRole('button', { name: /批\s*准/ }).click();
      const modal = page.getByRole('dialog', { name: /批准调整申请/ });
      await modal.getByLabel('审批意见').fill('同意，请按新时限推进。');
      await modal.getByRole('button', { name: /批\s*准/ }).click();
      await visible(page, '已批准，任务已按申请调整');
      await eventually(() => page.locator('.luoshi-change').count()).toBe(2);
      await visible(page, `完成时限 ${day(30)} → ${day(55)}`);
      await screenshot(page, 'task-changes-history');
      const d = await apiCall<Detail>(page, 'GET', `/api/v1/tasks/${taskId}`);
      expect(d.body.deadline).toBe(day(55));
      expect(d.body.changeRequests.map((x) => x.status).sort()).toEqual(['approved', 'rejected']);
    });
  });

  it("the office splits the other task to two of the town's communities", async () => {
    await asUser('office', async (page) => {
      await page.goto(`/tasks/${splitId}`);
      await page.getByRole('button', { name: '分解任务' }).click();
      const modal = page.getByRole('dialog', { name: /分解任务/ });
      for (const name of communities) await chooseUnit(page, '承接单位', name);
      await modal.locator('.ant-modal-title').click();
      await screenshot(page, 'split-modal');
      await modal.getByRole('button', { name: '分解任务' }).click();
      await visible(page, '已分解为 2 项子任务并下达');
      await eventually(() => page.getByRole('tab', { name: /子任务/ }).getAttribute('aria-selected')).toBe(
        'true',
      );
      for (const name of communities) await visible(page, name);
      await screenshot(page, 'task-subtasks');
      const d = await apiCall<Detail>(page, 'GET', `/api/v1/tasks/${splitId}`);
      expect(d.body.subtasks.map((s) => s.leadUnit.name).sort()).toEqual([...communities].sort());
    });
  });

  it('a completion claim is sent back once, then verified', async () => {
    const claim = (evidence: string) =>
      asUser('liaison-qj-t01', async (page) => {
        await page.goto(`/my-tasks?task=${taskId}`);
        await detailOf(page).getByRole('button', { name: '申请办结' }).click();
        const modal = page.getByRole('dialog', { name: /申请办结/ });
        await modal.getByLabel('办结材料').fill(evidence);
        await modal.getByRole('button', { name: '申请办结' }).click();
        await visible(page, '已申请办结，等待领导小组办公室审核');
      });
    await claim('已实现企业开办一日办结。');
    await asUser('office', async (page) => {
      await page.goto(`/tasks/${taskId}`);
      await page.getByRole('button', { name: /退\s*回/ }).click();
      const modal = page.getByRole('dialog', { name: /退回办结申请/ });
      await eventually(() => modal.getByText('办结材料：已实现企业开办一日办结。').isVisible()).toBe(true);
      await modal.getByLabel('退回原因').fill('请补充近一个月办件量和平均办结时长。');
      await modal.getByRole('button', { name: /退\s*回/ }).click();
      await visible(page, '已退回办结申请');
    });
    await claim('近一个月开办企业 236 户，平均 0.6 个工作日办结，附统计表。');
    await asUser('office', async (page) => {
      await page.goto(`/tasks/${taskId}`);
      await page.getByRole('button', { name: '审核办结' }).click();
      await confirmPopover(page, /审核办结/);
      await visible(page, '任务已办结');
      await eventually(() => page.getByTestId('light-reason').innerText()).toContain('已办结');
      await screenshot(page, 'task-done');
      const d = await apiCall<Detail>(page, 'GET', `/api/v1/tasks/${taskId}`);
      expect(d.body).toMatchObject({ status: 'done', returnCount: 1 });
    });
  });
});
