import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiCall, eventually, newContext, screenshot, signIn, useServerAndBrowser } from './support.ts';

/**
 * 赛马比拼 and 晾晒: the office defines a monthly scheme for the towns,
 * computes last month, looks at the board and publishes it; a town opens its
 * explanation and follows one indicator down to its records; a visitor who is
 * not signed in sees the published ranking on the public board, and rates a
 * town on a phone.
 */
const env = useServerAndBrowser();

const schemeName = '乡镇街道月度赛马比拼';
let boardId = 0;
let periodLabel = '';
let surveyPath = '';
let townName = '';

async function asUser<T>(
  username: string | null,
  run: (page: Page) => Promise<T>,
  mobile = false,
): Promise<T> {
  const context = mobile
    ? await env.browser.newContext({
        baseURL: env.server.baseUrl,
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      })
    : await newContext(env.browser, env.server.baseUrl);
  const page = await context.newPage();
  try {
    if (username) await signIn(page, username);
    return await run(page);
  } finally {
    await context.close();
  }
}

const visible = (page: Page, text: string | RegExp) =>
  eventually(() => page.getByText(text).first().isVisible()).toBe(true);

async function choose(page: Page, label: string, option: string | RegExp) {
  await page.getByLabel(label, { exact: true }).click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option })
    .first()
    .click();
}

describe('赛马比拼: define, compute, publish, explain, air', () => {
  it('the office defines a scheme; weights that do not add up to 100 are refused on the spot', async () => {
    await asUser('office', async (page) => {
      await page.getByRole('menuitem', { name: '赛马比拼' }).click();
      await visible(page, '乡镇街道季度赛马比拼'); // the demo scheme
      await screenshot(page, 'evaluation-schemes');
      await page.getByRole('button', { name: '新建考评方案' }).click();
      const drawer = page.locator('.ant-drawer', { hasText: '考评指标' });
      await drawer.getByLabel('方案名称').fill(schemeName);
      await choose(page, '专项行动', '作风提升行动');
      await choose(page, '赛道', '乡镇街道赛道');
      await drawer.getByText('月度', { exact: true }).click();
      await drawer.getByText('单位的全部任务和问题').click();
      // The first indicator's weight 25 → 30: the total is 105.
      const weight = drawer.getByTestId('indicator-0').getByLabel('权重');
      await weight.fill('30');
      await eventually(() => drawer.getByTestId('weight-total').innerText()).toContain('105');
      await drawer.getByRole('button', { name: /保\s*存/ }).click();
      await eventually(() => page.getByRole('alert').first().innerText()).toContain('105');
      await screenshot(page, 'evaluation-scheme-editor-refused');
      await weight.fill('25');
      await eventually(() => drawer.getByTestId('weight-total').innerText()).toContain('100');
      await drawer.getByRole('button', { name: /保\s*存/ }).click();
      await page.waitForURL(/\/evaluation\/schemes\/\d+/);
      await visible(page, schemeName);
    });
  });

  it('the office computes last month, looks at the board and publishes it', async () => {
    await asUser('office', async (page) => {
      const s = await apiCall<{ items: { id: number; name: string }[] }>(
        page,
        'GET',
        '/api/v1/evaluation/schemes',
      );
      const scheme = s.body.items.find((x) => x.name === schemeName)!;
      await page.goto(`/evaluation/schemes/${scheme.id}`);
      const board = page.getByTestId('preview-board');
      await eventually(() => board.locator('tbody tr.ant-table-row').count()).toBeGreaterThan(5);
      await visible(page, /A档占比/);
      // The page opens on the last month that has ended.
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
      const [y, m] = today.split('-').map(Number) as [number, number];
      periodLabel = m === 1 ? `${y - 1}年12月` : `${y}年${m - 1}月`;
      await visible(page, periodLabel);
      await screenshot(page, 'evaluation-preview');
      // A unit's explanation in the preview, then back.
      await board.locator('tbody tr.ant-table-row').first().getByRole('link').click();
      await visible(page, '得分说明');
      await eventually(() =>
        page.getByTestId('explain-lines').locator('tbody tr.ant-table-row').count(),
      ).toBe(6);
      await page.goBack();
      await page.getByRole('button', { name: '发布晾晒' }).click();
      await visible(page, /发布后本期结果将冻结/);
      await screenshot(page, 'evaluation-publish-confirm');
      await page.locator('.ant-modal-confirm').getByRole('button', { name: '发布晾晒' }).click();
      await page.waitForURL(/\/evaluation\/boards\/\d+/);
      boardId = Number(/boards\/(\d+)/.exec(page.url())![1]);
      await eventually(() => page.getByTestId('published-board').locator('tbody tr').count()).toBeGreaterThan(
        5,
      );
      await visible(page, '第 1 版');
      await visible(page, '首次发布');
      await page.getByRole('button', { name: '校验' }).click();
      await visible(page, '校验通过：输入数据哈希一致，重算结果一致');
      await screenshot(page, 'evaluation-published-board');
      const links = await apiCall<{ items: { token: string; path: string; unit: { name: string } }[] }>(
        page,
        'GET',
        '/api/v1/evaluation/survey-links',
      );
      surveyPath = links.body.items[0]!.path;
      townName = links.body.items[0]!.unit.name;
      await page.goto('/evaluation?tab=survey');
      await visible(page, surveyPath);
      await page.getByRole('button', { name: '二维码' }).first().click();
      await eventually(() => page.locator('.ant-popover canvas, .ant-popover svg').first().isVisible()).toBe(
        true,
      );
      await screenshot(page, 'evaluation-survey-links');
    });
  });

  it('a town opens its explanation and follows an indicator down to its records', async () => {
    await asUser('liaison-qj-t01', async (page) => {
      await page.getByRole('menuitem', { name: '赛马比拼' }).click();
      await visible(page, '已发布的排名榜');
      await page.getByRole('link', { name: periodLabel }).first().click();
      await page.waitForURL(`**/evaluation/boards/${boardId}`);
      const me = await apiCall<{ user: { unit: { name: string } } }>(page, 'GET', '/api/v1/session');
      const unit = me.body.user.unit.name;
      await page.getByTestId('published-board').getByRole('link', { name: unit }).click();
      await visible(page, `${unit} · 得分说明`);
      await eventually(() => page.getByTestId('explain-summary').innerText()).toMatch(/总分 .+，第 \d+ 名/);
      await screenshot(page, 'evaluation-explain-town');
      await page.getByTestId('records-closing').click();
      const records = page.getByTestId('records-table');
      await eventually(() => records.locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
      await visible(page, '得分依据：问题整改销号率');
      await screenshot(page, 'evaluation-records-town');
      // Another town's explanation does not exist for this town.
      const other = await apiCall<{ results: { unitId: number; unitName: string }[] }>(
        page,
        'GET',
        `/api/v1/evaluation/boards/${boardId}`,
      );
      const stranger = other.body.results.find((r) => r.unitName !== unit)!;
      const r = await apiCall(page, 'GET', `/api/v1/evaluation/boards/${boardId}/units/${stranger.unitId}`);
      expect(r.status).toBe(404);
    });
  });

  it('a visitor who is not signed in sees the published ranking on the public board', async () => {
    await asUser(null, async (page) => {
      await page.goto('/public/boards');
      await visible(page, '赛马比拼 · 公开晾晒');
      await visible(page, `${schemeName} · ${periodLabel}`);
      await screenshot(page, 'evaluation-public-list');
      // The demo's quarterly board: grades from the report cards, awards and warnings, 环比 on the quarter before.
      await page
        .getByRole('link', { name: /乡镇街道季度赛马比拼/ })
        .first()
        .click();
      await eventually(() =>
        page.getByTestId('public-board').locator('tbody tr.ant-table-row').count(),
      ).toBeGreaterThan(5);
      await screenshot(page, 'evaluation-public-board-demo');
      await page.goBack();
      await page.getByRole('link', { name: `${schemeName} · ${periodLabel}` }).click();
      const table = page.getByTestId('public-board');
      await eventually(() => table.locator('tbody tr.ant-table-row').count()).toBeGreaterThan(5);
      await visible(page, '未销号问题');
      expect(await page.getByRole('link', { name: townName }).count()).toBe(0); // names, never links to records
      await screenshot(page, 'evaluation-public-board');
      await page.getByText('English', { exact: true }).click();
      await visible(page, 'Unit rankings · public board');
      await screenshot(page, 'evaluation-public-board-en');
      const me = await apiCall(page, 'GET', '/api/v1/session');
      expect(me.status).toBe(401);
    });
  });

  it('a phone rates a town once this month', async () => {
    await asUser(
      null,
      async (page) => {
        await page.goto(surveyPath);
        await visible(page, '群众满意度评价');
        await visible(page, townName);
        await page.locator('.ant-rate').first().locator('li').nth(4).click();
        await page.getByLabel('意见建议（选填）').fill('窗口服务热情，办事效率高');
        await screenshot(page, 'evaluation-survey-mobile');
        await page.getByRole('button', { name: '提交评价' }).click();
        await visible(page, '感谢您的评价！');
        await screenshot(page, 'evaluation-survey-thanks');
        await page.reload();
        await visible(page, '本月您已评价过该单位，感谢参与');
      },
      true,
    );
  });
});
