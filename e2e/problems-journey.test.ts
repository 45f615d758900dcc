import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { tinyPng } from '../server/test/image-fixture.ts';
import {
  apiCall,
  chooseUnit,
  eventually,
  newContext,
  screenshot,
  signIn,
  useServerAndBrowser,
} from './support.ts';

/**
 * 发现 → 交办 → 整改 → 销号: an inspector records problems for the town
 * QJ-T01 and the office imports an inspection's findings sheet; the town
 * files measures and claims closing with a photo; the office returns the
 * claim once; the town claims again; the office closes the problem. The
 * town's negative list shrinks by one and the statistics count one more closed.
 */
const env = useServerAndBrowser();

const beijing = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
const day = (offset: number) => beijing(new Date(Date.now() + offset * 86_400_000));

const finding = '城区主干道夜间照明路灯损坏多日无人报修，群众出行存在安全隐患';
const longTermFinding = '老旧小区雨污分流改造进度滞后，雨季积水问题反复出现';
const selfFinding = '街道便民服务中心周末值班表未公示，群众办事扑空';
const returnReason = '整改佐证不充分：请补充修复后夜间实景照片及路灯巡检台账。';
let town = { id: 0, name: '' };
let problemId = 0;
let negativeBefore = 0;
let negativeWithClaim = 0;
let closedBefore = 0;

interface Detail {
  id: number;
  status: string;
  returnCount: number;
  evidence: { attachments: { id: number }[] }[];
}

interface Stats {
  total: { found: number; closed: number; open: number };
  rows: { key: { id: number | null; name: string }; found: number; closed: number; open: number }[];
}

async function asUser<T>(username: string, run: (page: Page) => Promise<T>, lang?: 'en'): Promise<T> {
  const context = await newContext(env.browser, env.server.baseUrl);
  if (lang === 'en') await context.addInitScript(() => localStorage.setItem('luoshi.lang', 'en'));
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

const detailOf = (page: Page) => page.locator('.ant-drawer', { hasText: /问题详情|Open as a page/ });

/** The form item of a label inside `root`. */
const itemOf = (page: Page, root: Locator, label: string) =>
  root
    .locator('.ant-form-item')
    .filter({ has: page.locator('label', { hasText: new RegExp(`^${label}$`) }) });

/**
 * Does something to one form field until the field shows `expected`: on a
 * busy machine a click can land while a drop-down is still moving.
 */
async function settle(page: Page, root: Locator, label: string, expected: string, act: () => Promise<void>) {
  for (let i = 0; i < 3; i++) {
    await act();
    await page.waitForTimeout(300);
    if ((await itemOf(page, root, label).innerText()).includes(expected)) return;
    await page.keyboard.press('Tab');
  }
  expect(await itemOf(page, root, label).innerText()).toContain(expected);
}

/** Picks an option of a Select (found by its label inside `root`) by its exact text. */
async function choose(page: Page, root: Locator, field: string, option: string) {
  await settle(page, root, field, option, async () => {
    await root.getByLabel(field, { exact: true }).click();
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
  });
}

/** Picks a node of a multiple TreeSelect (found by its label inside `root`) by typing its name. */
async function chooseNode(page: Page, root: Locator, field: string, name: string) {
  await settle(page, root, field, name, async () => {
    await root.getByLabel(field, { exact: true }).click();
    await root.getByLabel(field, { exact: true }).fill(name);
    await page
      .locator(`.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper[title="${name}"]`)
      .click();
    // Close the list by clicking the drawer's title (Escape would close the drawer).
    await root.locator('.ant-drawer-title').click();
  });
}

/** Picks the responsible unit in a form (`chooseUnit`), and checks it took. */
async function pickUnit(page: Page, root: Locator, field: string, name: string) {
  await settle(page, root, field, name, () => chooseUnit(page, field, name));
}

async function typeDate(root: Locator | Page, field: string, value: string) {
  const input = root.getByLabel(field, { exact: true });
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

const townStats = async (page: Page) => {
  const s = await apiCall<Stats>(page, 'GET', '/api/v1/problem-statistics?groupBy=unit');
  return s.body.rows.find((r) => r.key.id === town.id) ?? { found: 0, closed: 0, open: 0 };
};

/** Reads a downloaded workbook's first sheet as rows of text. */
async function readSheet(file: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

const sheetHeaders = [
  '问题描述',
  '问题来源',
  '问题类别',
  '发现时间',
  '发现人',
  '责任单位',
  '责任人',
  '严重程度',
  '整改时限',
  '长期整改',
  '阶段目标',
];

/** An inspection team's findings sheet, as it fills in the template. */
async function findingsSheet(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('问题清单');
  ws.addRow(sheetHeaders);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('问题整改: from a finding to its closing, and the numbers that follow', () => {
  it('the inspector records a problem for the town, and a long-term one with a stage target', async () => {
    await asUser('inspector', async (page) => {
      const t = await apiCall<{ items: { id: number; name: string }[] }>(
        page,
        'GET',
        '/api/v1/units?q=QJ-T01&limit=1',
      );
      town = t.body.items[0]!;
      const neg = await apiCall<{ items: unknown[] }>(page, 'GET', `/api/v1/units/${town.id}/negative-list`);
      negativeBefore = neg.body.items.length;
      closedBefore = (await townStats(page)).closed;

      await page.getByRole('menuitem', { name: '问题清单' }).click();
      await eventually(() => page.locator('[data-count="all"]').innerText()).toMatch(/全部问题\s*\d+/);
      await eventually(() => page.locator('.ant-table-row').count()).toBeGreaterThan(5);
      await screenshot(page, 'problems-list-inspector');

      await page.getByRole('button', { name: '录入问题' }).click();
      const drawer = page.locator('.ant-drawer', { hasText: '录入并交办' });
      await drawer.getByLabel('问题描述').fill(finding);
      await choose(page, drawer, '问题来源', '督查');
      await chooseNode(page, drawer, '问题类别', '慢作为');
      await drawer.getByLabel('发现人 / 督查组').fill('第二督查组');
      await pickUnit(page, drawer, '责任单位', town.name);
      await drawer.getByText('较重', { exact: true }).click();
      await typeDate(drawer, '整改时限', day(20));
      for (const [label, value] of [
        ['问题来源', '督查'],
        ['问题类别', '慢作为'],
        ['责任单位', town.name],
      ])
        expect(await itemOf(page, drawer, label!).innerText()).toContain(value);
      await screenshot(page, 'problem-record-drawer');
      await drawer.getByRole('button', { name: '录入并交办' }).click();
      await visible(page, '问题已录入并交办责任单位');
      const detail = detailOf(page);
      await eventually(() => detail.getByRole('heading', { name: finding }).isVisible()).toBe(true);
      await eventually(() => detail.getByText('已交办').first().isVisible()).toBe(true);
      problemId = Number(new URL(page.url()).searchParams.get('problem'));
      expect(problemId).toBeGreaterThan(0);
      await detail.getByRole('tab', { name: /处理记录/ }).click();
      await eventually(() => detail.locator('.ant-timeline').innerText()).toContain('录入问题');
      await screenshot(page, 'problem-detail-inspector-assigned');
      await page.keyboard.press('Escape');

      // A long-term problem is judged by its stage targets.
      await page.getByRole('button', { name: '录入问题' }).click();
      await drawer.getByLabel('问题描述').fill(longTermFinding);
      await choose(page, drawer, '问题来源', '明察暗访');
      await pickUnit(page, drawer, '责任单位', town.name);
      await typeDate(drawer, '整改时限', day(150));
      await drawer.getByRole('switch').click();
      await drawer.getByRole('button', { name: '添加阶段目标' }).click();
      await typeDate(drawer, '阶段日期', day(60));
      await drawer.getByLabel('阶段目标', { exact: true }).last().fill('完成管网摸排和改造设计');
      await drawer.getByLabel('计划完成比例').fill('40');
      await screenshot(page, 'problem-record-long-term');
      await drawer.getByRole('button', { name: '录入并交办' }).click();
      await visible(page, '问题已录入并交办责任单位');
      await eventually(() => detailOf(page).getByText('长期整改').first().isVisible()).toBe(true);
      await screenshot(page, 'problem-detail-long-term');
    });
  });

  it('the office imports a findings sheet: refused row by row once, then imported; bulk sets a deadline', async () => {
    await asUser('office', async (page) => {
      const dept = await apiCall<{ items: { name: string }[] }>(
        page,
        'GET',
        `/api/v1/units?q=${encodeURIComponent('区城市管理局')}&limit=1`,
      );
      const unit = dept.body.items[0]!.name;
      const row = (text: string, u: string) => [
        text,
        '审计',
        '慢作为',
        day(-3),
        '区审计局',
        u,
        '',
        '一般',
        day(40),
        '否',
        '',
      ];
      await page.goto('/problems');
      const template = page.waitForEvent('download');
      await page.getByRole('button', { name: '下载模板' }).click();
      expect((await template).suggestedFilename()).toMatch(/\.xlsx$/);

      await page.getByRole('button', { name: /导\s*入/ }).click();
      const modal = page.getByRole('dialog', { name: '从 Excel 导入问题清单' });
      const upload = async (rows: string[][]) =>
        modal.locator('input[type=file]').setInputFiles({
          name: '审计发现问题清单.xlsx',
          mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          buffer: await findingsSheet(rows),
        });
      const a = '年度审计：市政道路维修资金拨付滞后三个月';
      const b = '年度审计：市政道路维修资金拨付不及时';
      await upload([row(a, unit), row(b, '区城市管理')]);
      await modal.getByRole('button', { name: /导\s*入/ }).click();
      await eventually(() => modal.getByText(/发现 \d+ 处问题，未导入任何问题/).isVisible()).toBe(true);
      await eventually(() => modal.locator('.ant-table-row').first().innerText()).toMatch(/^3\s+责任单位/);
      await screenshot(page, 'problem-import-refused');
      const none = await apiCall<{ total: number }>(
        page,
        'GET',
        `/api/v1/problems?q=${encodeURIComponent(a)}`,
      );
      expect(none.body.total).toBe(0);

      await upload([row(a, unit), row(b, unit)]);
      await modal.getByRole('button', { name: /导\s*入/ }).click();
      await visible(page, '已导入 2 个问题并交办');

      // Both are selected and get one deadline in one action.
      await page.getByPlaceholder('问题描述关键词').fill('年度审计');
      await page.getByPlaceholder('问题描述关键词').press('Enter');
      await eventually(() => page.locator('.ant-table-row').count()).toBe(2);
      await page.locator('.ant-table-thead .ant-checkbox-input').check();
      await eventually(() => page.getByTestId('bulk-bar').innerText()).toContain('已选 2 项');
      await page.getByRole('button', { name: '批量设置时限' }).click();
      const bulk = page.getByRole('dialog', { name: /批量设置 2 个问题的整改时限/ });
      await bulk.getByLabel('调整原因').fill('审计整改统一时限');
      await bulk.getByLabel('新的整改时限', { exact: true }).fill(day(30));
      await screenshot(page, 'problem-bulk-deadline');
      // Enter takes the typed date, and (the form's one line) sends it.
      await bulk.getByLabel('新的整改时限', { exact: true }).press('Enter');
      await visible(page, '已设置 2 个问题的整改时限');
      await eventually(() => page.locator('.ant-table-row').first().innerText()).toContain(day(30));
      await screenshot(page, 'problems-list-office-imported');

      // The second finding is the first one again: merged, it is no longer counted as found.
      await page.locator('.ant-table-row', { hasText: b }).getByRole('button', { name: b }).click();
      const detail = detailOf(page);
      await detail.getByRole('button', { name: '合并重复问题' }).click();
      const merge = page.getByRole('dialog', { name: /合并重复问题/ });
      await merge.getByLabel('合并至').click();
      await merge.getByLabel('合并至').fill('拨付滞后三个月');
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: a }).click();
      await merge.getByLabel('说明').fill('与同一审计发现重复');
      await screenshot(page, 'problem-merge-modal');
      await merge.getByRole('button', { name: '合并重复问题' }).click();
      await visible(page, '已合并为重复问题');
      await eventually(() => detail.getByTestId('problem-state-note').innerText()).toContain(
        '已作为重复问题合并至',
      );
      await screenshot(page, 'problem-detail-office-merged');
    });
  });

  it('the town liaison files two measures and claims closing with a photo', async () => {
    await asUser('liaison-qj-t01', async (page) => {
      await page.getByRole('menuitem', { name: '本单位问题' }).click();
      // What the town's own inspection found goes on its list too (自查自纠).
      await page.getByRole('button', { name: '录入自查问题' }).click();
      const self = page.locator('.ant-drawer', { hasText: '录入自查自纠问题' });
      await self.getByLabel('问题描述').fill(selfFinding);
      await eventually(() => itemOf(page, self, '问题来源').innerText()).toContain('自查自纠');
      await eventually(() => itemOf(page, self, '责任单位').innerText()).toContain(town.name);
      await typeDate(self, '整改时限', day(30));
      await screenshot(page, 'problem-self-record-drawer');
      await self.getByRole('button', { name: /^录\s*入$/ }).click();
      await visible(page, '自查问题已录入');
      await eventually(() => detailOf(page).getByRole('heading', { name: selfFinding }).isVisible()).toBe(
        true,
      );
      await page.keyboard.press('Escape');
      await page.locator('[data-count="assigned"]').click();
      const row = page.locator('.ant-table-row', { hasText: finding });
      await eventually(() => row.isVisible()).toBe(true);
      await screenshot(page, 'my-problems-liaison');
      await row.getByRole('button', { name: finding }).click();
      const detail = detailOf(page);
      await detail.getByRole('button', { name: '制定整改措施' }).click();
      const modal = page.getByRole('dialog', { name: /制定整改措施/ });
      await modal.getByLabel('整改措施').first().fill('组织电力抢修队对损坏路灯逐盏排查修复');
      await modal.getByLabel('责任人').first().fill('城建办 李主任');
      await modal.getByRole('button', { name: '添加一条措施' }).click();
      await modal.getByLabel('整改措施').nth(1).fill('建立路灯夜间巡查和群众报修快速响应机制');
      await modal.getByLabel('责任人').nth(1).fill('综合执法队 张队长');
      await screenshot(page, 'problem-measures-modal');
      await modal.getByRole('button', { name: '提交整改措施' }).click();
      await visible(page, '整改措施已提交，问题进入整改中');
      await eventually(() => detail.getByText('整改中').first().isVisible()).toBe(true);
      await eventually(() => detail.locator('.ant-table-row').count()).toBe(2);

      await detail.getByRole('button', { name: '申请销号' }).click();
      const claim = page.getByRole('dialog', { name: /申请销号/ });
      await claim.getByLabel('整改情况').fill('已修复损坏路灯 23 盏，主干道夜间照明全部恢复。');
      await claim
        .locator('input[type=file]')
        .setInputFiles({ name: '修复后照片.png', mimeType: 'image/png', buffer: tinyPng(true) });
      await eventually(() => claim.getByText(/修复后照片\.png/).isVisible()).toBe(true);
      await screenshot(page, 'problem-claim-modal');
      await claim.getByRole('button', { name: '申请销号' }).click();
      await visible(page, '已申请销号，等待审核');
      await eventually(() => detail.getByTestId('problem-state-note').innerText()).toContain('等待');
      // A claimed problem stays on the negative list until it is verified.
      const neg = await apiCall<{ items: unknown[] }>(page, 'GET', `/api/v1/units/${town.id}/negative-list`);
      negativeWithClaim = neg.body.items.length;
      expect(negativeWithClaim).toBe(negativeBefore + 3);
      await screenshot(page, 'problem-detail-liaison-claimed');
      // The unit cannot verify its own claim.
      expect(await detail.getByRole('button', { name: '审核销号' }).count()).toBe(0);
    });
  });

  it('the office returns the claim once, with a reason', async () => {
    await asUser('office', async (page) => {
      await page.getByRole('menuitem', { name: '问题清单' }).click();
      await page.locator('[data-count="closing_claimed"]').click();
      await page.waitForURL(/status=closing_claimed/);
      const row = page.locator('.ant-table-row', { hasText: finding });
      await eventually(() => row.isVisible()).toBe(true);
      await screenshot(page, 'problems-list-office-claimed');
      await row.getByRole('button', { name: finding }).click();
      const detail = detailOf(page);
      await eventually(() => detail.getByRole('tab', { name: /销号材料/, selected: true }).isVisible()).toBe(
        true,
      );
      await eventually(() => detail.getByRole('link', { name: /修复后照片\.png/ }).isVisible()).toBe(true);
      await screenshot(page, 'problem-detail-office-to-verify');
      await detail.getByRole('button', { name: '退回重改' }).click();
      const modal = page.getByRole('dialog', { name: /退回重改/ });
      await modal.getByLabel('退回原因').fill(returnReason);
      await modal.getByRole('button', { name: '退回重改' }).click();
      await visible(page, '已退回责任单位重新整改');
      const d = await apiCall<Detail>(page, 'GET', `/api/v1/problems/${problemId}`);
      expect(d.body).toMatchObject({ status: 'returned', returnCount: 1 });
    });
  });

  it('the town sees why, and claims closing again with a new photo', async () => {
    await asUser('liaison-qj-t01', async (page) => {
      await page.goto(`/my-problems?problem=${problemId}`);
      const detail = detailOf(page);
      await eventually(() => detail.getByTestId('problem-state-note').innerText()).toContain(returnReason);
      await screenshot(page, 'problem-detail-liaison-returned');
      await detail.getByRole('button', { name: '申请销号' }).click();
      const claim = page.getByRole('dialog', { name: /申请销号/ });
      await claim
        .getByLabel('整改情况')
        .fill('已补充修复后夜间实景照片 6 张，建立路灯巡检台账，每周巡查一次。');
      await claim
        .locator('input[type=file]')
        .setInputFiles({ name: '夜间实景.png', mimeType: 'image/png', buffer: tinyPng() });
      await eventually(() => claim.getByText(/夜间实景\.png/).isVisible()).toBe(true);
      await claim.getByRole('button', { name: '申请销号' }).click();
      await visible(page, '已申请销号，等待审核');
      await detail.getByRole('tab', { name: /销号材料/ }).click();
      await eventually(() => detail.locator('.luoshi-claim').count()).toBe(2);
      await screenshot(page, 'problem-detail-liaison-reclaimed');
    });
  });

  it('the office closes it; the photo reaches the office without its metadata', async () => {
    await asUser('office', async (page) => {
      await page.goto(`/problems?problem=${problemId}`);
      const detail = detailOf(page);
      await detail.getByRole('button', { name: '审核销号' }).click();
      const modal = page.getByRole('dialog', { name: /审核销号/ });
      await modal.getByLabel('审核意见').fill('经实地夜查，路灯已全部修复，同意销号。');
      await modal.getByRole('button', { name: '审核销号' }).click();
      await visible(page, '问题已销号');
      await eventually(() => detail.getByText('已销号').first().isVisible()).toBe(true);
      await eventually(() => detail.locator('.luoshi-claim').first().innerText()).toContain('审核通过');
      await screenshot(page, 'problem-detail-office-closed');
      const d = await apiCall<Detail>(page, 'GET', `/api/v1/problems/${problemId}`);
      expect(d.body.status).toBe('closed');
      const photo = await page.request.get(
        `/api/v1/attachments/${d.body.evidence.at(-1)!.attachments[0]!.id}`,
      );
      expect(photo.status()).toBe(200);
      expect(photo.headers()['content-type']).toBe('image/png');
      expect((await photo.body()).includes(Buffer.from('LuoshiCam'))).toBe(false);
      await detail.getByRole('tab', { name: /处理记录/ }).click();
      await eventually(() => detail.locator('.ant-timeline').innerText()).toMatch(
        /录入问题[\s\S]*制定整改措施[\s\S]*申请销号[\s\S]*退回重改[\s\S]*申请销号[\s\S]*审核销号/,
      );
      await screenshot(page, 'problem-detail-office-history');
      await page.goto(`/problems/${problemId}`);
      await eventually(() => page.getByRole('heading', { name: finding }).isVisible()).toBe(true);
      await screenshot(page, 'problem-page-office');
    });
  });

  it("the town's negative list is one shorter, prints and exports", async () => {
    await asUser('liaison-qj-t01', async (page) => {
      await page.getByRole('menuitem', { name: '负面清单' }).click();
      // The liaison's own unit: the closed problem has left it, the long-term one stays.
      await eventually(() => page.getByTestId('negative-summary').innerText()).toContain(
        `未销号问题 ${negativeWithClaim - 1} 个`,
      );
      expect(await page.locator('.luoshi-negative-table .ant-table-row', { hasText: finding }).count()).toBe(
        0,
      );
      await eventually(() =>
        page.locator('.luoshi-negative-table .ant-table-row', { hasText: longTermFinding }).isVisible(),
      ).toBe(true);
      await screenshot(page, 'negative-list-liaison');
      await page.emulateMedia({ media: 'print' });
      await screenshot(page, 'negative-list-print');
      await page.emulateMedia({ media: 'screen' });
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: '导出 Excel' }).click();
      const sheet = await readSheet((await (await download).path())!);
      const text = sheet.map((r) => r.join('|')).join('\n');
      expect(text).toContain(longTermFinding);
      expect(text).not.toContain(finding);
    });
  });

  it('the statistics count one more closed for the town', async () => {
    await asUser('office', async (page) => {
      const after = await townStats(page);
      expect(after.closed).toBe(closedBefore + 1);
      await page.getByRole('menuitem', { name: '问题统计' }).click();
      const row = page
        .locator('.luoshi-stats-table .ant-table-row')
        .filter({ has: page.getByRole('button', { name: town.name, exact: true }) });
      await eventually(() => row.isVisible()).toBe(true);
      // 单位 | 发现问题 | 已销号 | …
      await eventually(() => row.locator('td').nth(2).innerText()).toBe(String(after.closed));
      await screenshot(page, 'problem-statistics-by-unit');
      await page.getByText('按类别', { exact: true }).click();
      await page.waitForURL(/by=category/);
      await eventually(() => page.locator('.luoshi-stats-table .ant-table-row').count()).toBeGreaterThan(3);
      await screenshot(page, 'problem-statistics-by-category');
      await page.goto(`/negative-list?unit=${town.id}`);
      await eventually(() => page.getByTestId('negative-summary').isVisible()).toBe(true);
      await screenshot(page, 'negative-list-office');
    });
  });

  it('the administrator adds a source and a category', async () => {
    await asUser('admin', async (page) => {
      await page.getByRole('menuitem', { name: '问题设置' }).click();
      await page.getByRole('button', { name: '新增来源' }).click();
      const modal = page.getByRole('dialog', { name: '新增来源' });
      await modal.getByLabel('中文名称').fill('巡察');
      await modal.getByLabel('英文名称').fill('Inspection patrols');
      await modal.getByLabel('代码').fill('patrol');
      await modal.getByRole('button', { name: /保\s*存/ }).click();
      await visible(page, '已保存');
      await eventually(() =>
        page.locator('.ant-table-row', { hasText: 'Inspection patrols' }).isVisible(),
      ).toBe(true);
      await page.getByRole('button', { name: '新增一级类别' }).click();
      const cat = page.getByRole('dialog', { name: '新增一级类别' });
      await cat.getByLabel('中文名称').fill('四风问题');
      await cat.getByLabel('英文名称').fill('The four undesirable styles');
      await cat.getByLabel('代码').fill('four_styles');
      await cat.getByRole('button', { name: /保\s*存/ }).click();
      await eventually(() => page.locator('.luoshi-category-tree').getByText('四风问题').isVisible()).toBe(
        true,
      );
      await screenshot(page, 'problem-settings-admin');
    });
  });

  it('the same pages read in English', async () => {
    await asUser(
      'office',
      async (page) => {
        await page.goto('/problems');
        await eventually(() => page.getByRole('button', { name: 'Record a problem' }).isVisible()).toBe(true);
        await eventually(() => page.locator('.ant-table-row').count()).toBeGreaterThan(5);
        await screenshot(page, 'problems-list-office-en');
        await page.goto(`/problems?problem=${problemId}`);
        await eventually(() => detailOf(page).getByText('Closed').first().isVisible()).toBe(true);
        await screenshot(page, 'problem-detail-office-en');
        await page.goto('/problem-statistics');
        await eventually(() => page.getByText('Closing rate').first().isVisible()).toBe(true);
        await screenshot(page, 'problem-statistics-en');
      },
      'en',
    );
  });
});
