import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { issuedDaysAgo } from './time-travel.ts';
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
 * 部署 → 签收 → 报送 → 审核 → 批示: the office deploys a task to the town
 * QJ-T01, the town signs and reports, its head returns the report once and
 * then approves it, the office sees the light and the late count move, the
 * responsible leader writes an instruction and the town answers it.
 */
const env = useServerAndBrowser();

/** The task sheet's columns, as the template has them. */
const sheetHeaders = [
  '编号',
  '任务名称',
  '类别',
  '目标任务',
  '包保领导',
  '牵头单位',
  '配合单位',
  '开始日期',
  '完成时限',
  '时间节点',
  '报送周期',
];

/** An .xlsx task list, built the way an office fills in the template. */
async function taskSheet(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('任务清单');
  ws.addRow(sheetHeaders);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A one-page PDF, as small as a PDF can be. */
const pdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj ' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** Reads a downloaded workbook's first sheet as rows of text. */
async function readSheet(file: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

/** Today in Beijing, and days from it, as YYYY-MM-DD. */
const beijing = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
const day = (offset: number) => beijing(new Date(Date.now() + offset * 86_400_000));

const campaignName = '城乡环境品质提升专项行动';
const taskCode = 'HJ-01';
const taskTitle = '背街小巷环境整治全覆盖';
const instruction = '背街小巷整治群众关注度高，请城北街道倒排工期，月底前报送整治台账。';
let campaignId = 0;
let taskId = 0;
let town = { id: 0, name: '' };
let leader = { id: 0, name: '' };
let lateBefore = 0;

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

/** The task's row in a task table. */
const row = (page: Page) => page.locator('.ant-table-row', { hasText: taskCode });

interface TaskBody {
  id: number;
  status: string;
  light: string | null;
  lightReason: { zh: string } | null;
  lateReports: number;
  reports: { id: number; status: string }[];
}

describe('部署到落实: a task from the office to a town and back', () => {
  it('the office creates a campaign', async () => {
    await asUser('office', async (page) => {
      const t = await apiCall<{ items: { id: number; name: string }[] }>(
        page,
        'GET',
        '/api/v1/units?q=QJ-T01&limit=1',
      );
      town = { id: t.body.items[0]!.id, name: t.body.items[0]!.name };
      const l = await apiCall<{ items: { id: number; name: string }[] }>(
        page,
        'GET',
        '/api/v1/people?role=leader',
      );
      leader = { id: l.body.items[0]!.id, name: l.body.items[0]!.name };

      await page.getByRole('menuitem', { name: '专项行动' }).click();
      await visible(page, '破"四困"促"四敢"作风提升行动');
      await screenshot(page, 'campaigns-office');
      await page.getByRole('button', { name: '新建专项行动' }).click();
      const drawer = page.locator('.ant-drawer');
      await drawer.getByLabel('行动名称').fill(campaignName);
      await drawer.getByPlaceholder('开始日期').click();
      await drawer.getByPlaceholder('开始日期').fill(day(-120));
      await drawer.getByPlaceholder('开始日期').press('Enter');
      await drawer.getByPlaceholder('结束日期').fill(day(60));
      await drawer.getByPlaceholder('结束日期').press('Enter');
      await drawer.getByLabel('领导小组').fill('区城乡环境品质提升领导小组');
      await drawer.getByLabel('行动说明').fill('聚焦背街小巷、农贸市场、城乡结合部，补齐环境短板。');
      await screenshot(page, 'campaign-create-drawer');
      await drawer.getByRole('button', { name: /保\s*存/ }).click();
      await page.waitForURL(/\/campaigns\/\d+$/);
      campaignId = Number(new URL(page.url()).pathname.split('/').pop());
      await eventually(() => page.getByRole('heading', { name: new RegExp(campaignName) }).isVisible()).toBe(
        true,
      );
    });
  });

  it('the office imports two tasks from Excel: a sheet with a wrong name is refused row by row, the fixed one is imported and issued', async () => {
    await asUser('office', async (page) => {
      const dept = await apiCall<{ items: { name: string }[] }>(
        page,
        'GET',
        `/api/v1/units?q=${encodeURIComponent('区城市管理局')}&limit=1`,
      );
      const unit = dept.body.items[0]!.name;
      const sheetRow = (code: string, title: string, lead: string) => [
        code,
        title,
        '城市管理',
        '',
        leader.name,
        lead,
        '',
        day(-60),
        day(45),
        `${day(20)}: 完成主体施工`,
        '每月',
      ];
      await page.goto(`/campaigns/${campaignId}`);
      const template = page.waitForEvent('download');
      await page.getByRole('button', { name: '下载模板' }).click();
      expect((await template).suggestedFilename()).toMatch(/\.xlsx$/);

      await page.getByRole('button', { name: /导\s*入/ }).click();
      const modal = page.getByRole('dialog', { name: '从 Excel 导入任务清单' });
      await modal.locator('input[type=file]').setInputFiles({
        name: '任务清单.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: await taskSheet([
          sheetRow('HJ-02', '农贸市场环境综合整治', unit),
          sheetRow('HJ-03', '城乡结合部垃圾清运全覆盖', '区城市管理'),
        ]),
      });
      await modal.getByRole('button', { name: /导\s*入/ }).click();
      await eventually(() => modal.getByText('发现 1 处问题，未导入任何任务').isVisible()).toBe(true);
      const problem = modal.locator('.ant-table-row').first();
      await eventually(() => problem.innerText()).toMatch(/^3\s+牵头单位[\s\S]*区城市管理局/);
      await screenshot(page, 'task-import-problems');
      const none = await apiCall<{ total: number }>(page, 'GET', `/api/v1/campaigns/${campaignId}/tasks`);
      expect(none.body.total).toBe(0);

      await modal.locator('input[type=file]').setInputFiles({
        name: '任务清单.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: await taskSheet([
          sheetRow('HJ-02', '农贸市场环境综合整治', unit),
          sheetRow('HJ-03', '城乡结合部垃圾清运全覆盖', unit),
        ]),
      });
      await modal.getByRole('button', { name: /导\s*入/ }).click();
      await visible(page, '已导入 2 项任务（草稿），核对后下达');
      await eventually(() =>
        page.locator('.ant-table-row', { hasText: '农贸市场环境综合整治' }).isVisible(),
      ).toBe(true);
      await page.getByRole('button', { name: '下达全部草稿（2）' }).click();
      await confirmPopover(page, /全部下达/);
      await visible(page, '已下达 2 项任务');
      await screenshot(page, 'task-list-office-imported');
    });
  });

  it('the office adds a task for the town with a milestone, refuses a duplicate code at its field, and issues it', async () => {
    await asUser('office', async (page) => {
      await page.goto(`/campaigns/${campaignId}`);
      await page.getByRole('button', { name: '新建任务' }).click();
      const drawer = page.locator('.ant-drawer', { hasText: '保存为草稿' });
      await drawer.getByLabel('编号').fill(taskCode);
      await drawer.getByLabel('类别').fill('城市管理');
      await drawer.getByLabel('任务名称').fill(taskTitle);
      await drawer.getByLabel('目标任务').fill('完成 120 条背街小巷整治');
      await drawer.getByLabel('目标值').fill('120');
      await drawer.getByLabel('计量单位').fill('条');
      await drawer.getByLabel('包保领导').click();
      await drawer.getByLabel('包保领导').fill(leader.name);
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: leader.name })
        .click();
      await chooseUnit(page, '牵头单位', town.name);
      await drawer.getByRole('button', { name: '添加时间节点' }).click();
      await drawer.getByLabel('节点日期').fill(day(-30));
      await drawer.getByLabel('节点日期').press('Enter');
      await drawer.getByLabel('节点内容').fill('完成摸底建档和整治方案');
      await drawer.getByLabel('计划完成比例').fill('40');
      await screenshot(page, 'task-create-drawer');
      await drawer.getByRole('button', { name: '保存为草稿' }).click();
      await visible(page, '任务已保存为草稿');

      const detail = page.locator('.ant-drawer', { hasText: '任务详情' });
      await eventually(() => detail.getByRole('heading', { name: taskTitle }).isVisible()).toBe(true);
      await eventually(() => detail.getByText('草稿').first().isVisible()).toBe(true);
      const list = await apiCall<{ items: { id: number; code: string }[] }>(
        page,
        'GET',
        `/api/v1/campaigns/${campaignId}/tasks?q=${taskCode}`,
      );
      taskId = list.body.items[0]!.id;
      await detail.getByRole('button', { name: /下\s*达/ }).click();
      await confirmPopover(page, /下\s*达/);
      await visible(page, '任务已下达');
      await eventually(() => detail.getByTestId('light-reason').innerText()).toMatch(/红灯：.*落后/);
      await screenshot(page, 'task-detail-office-issued');
      await page.keyboard.press('Escape');

      // A second task with the same code: the error stands at the code field, and nothing is written.
      await page.getByRole('button', { name: '新建任务' }).click();
      const again = page.locator('.ant-drawer', { hasText: '保存为草稿' });
      await again.getByLabel('编号').fill(taskCode);
      await again.getByLabel('任务名称').fill('重复编号的任务');
      await again.getByLabel('包保领导').click();
      await again.getByLabel('包保领导').fill(leader.name);
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: leader.name })
        .click();
      await chooseUnit(page, '牵头单位', town.name);
      await again.getByRole('button', { name: '保存为草稿' }).click();
      const codeItem = again.locator('.ant-form-item', { has: page.getByLabel('编号') });
      await eventually(() => codeItem.getByText('该任务编号在本行动中已被使用').isVisible()).toBe(true);
      await screenshot(page, 'task-create-duplicate-code');
      await again.getByRole('button', { name: /取\s*消/ }).click();
      const count = await apiCall<{ total: number }>(page, 'GET', `/api/v1/campaigns/${campaignId}/tasks`);
      expect(count.body.total).toBe(3);

      await eventually(() => row(page).locator('[data-light="red"]').isVisible()).toBe(true);
      await visible(page, /应完成 40%，实际 0%，落后 40 个百分点/);
      const before = await apiCall<TaskBody>(page, 'GET', `/api/v1/tasks/${taskId}`);
      lateBefore = before.body.lateReports;
      expect(lateBefore).toBe(0);
      await screenshot(page, 'task-list-office-issued');
    });
    // The office issued it ten weeks ago: the months since then are owed (the server has no test clock).
    await issuedDaysAgo(env.server, taskId, 70);
  });

  it('the town liaison signs for the task and reports progress with the four texts', async () => {
    await asUser('liaison-qj-t01', async (page) => {
      await page.getByRole('menuitem', { name: '我的任务' }).click();
      const toSign = page.locator('[data-view="sign"]');
      await eventually(() => toSign.innerText()).toMatch(/待签收\s*1/);
      await screenshot(page, 'my-tasks-liaison-to-sign');
      await toSign.click();
      await row(page).getByRole('button', { name: taskTitle }).click();
      const detail = page.locator('.ant-drawer', { hasText: '任务详情' });
      await detail.getByRole('button', { name: /签\s*收/ }).click();
      await confirmPopover(page, /签\s*收/);
      await visible(page, '任务已签收');

      await detail.getByRole('button', { name: '报送进度' }).click();
      const modal = page.getByRole('dialog', { name: /报送进度/ });
      await modal.getByLabel('累计完成').fill('30');
      await modal.getByLabel('进度').fill('完成 36 条背街小巷整治，拆除违章搭建 14 处。');
      await modal.getByLabel('差距').fill('较时间节点落后 10 个百分点。');
      await modal.getByLabel('原因').fill('雨季施工受阻。');
      await modal.getByLabel('措施').fill('增派两支施工队，月底前补齐进度。');
      await modal
        .locator('input[type=file]')
        .setInputFiles({ name: '整治台账.pdf', mimeType: 'application/pdf', buffer: pdf });
      await eventually(() => modal.getByText(/整治台账\.pdf/).isVisible()).toBe(true);
      await screenshot(page, 'report-modal-liaison');
      await modal.getByRole('button', { name: '提交审核' }).click();
      await visible(page, '已提交，经本单位负责人审核后报送领导小组办公室');
      await eventually(() => detail.getByText('待负责人审核').first().isVisible()).toBe(true);
      await screenshot(page, 'task-detail-liaison-reported');
    });
  });

  it('the head returns the report once with a reason', async () => {
    await asUser('head-qj-t01', async (page) => {
      await page.getByRole('menuitem', { name: '我的任务' }).click();
      const toApprove = page.locator('[data-view="approve"]');
      await eventually(() => toApprove.innerText()).toMatch(/待我审核的报送\s*1/);
      await toApprove.click();
      await row(page).getByRole('button', { name: taskTitle }).click();
      const detail = page.locator('.ant-drawer', { hasText: '任务详情' });
      await eventually(() => detail.getByRole('button', { name: '退回修改' }).isVisible()).toBe(true);
      await screenshot(page, 'task-detail-head-to-approve');
      await detail.getByRole('button', { name: '退回修改' }).click();
      const modal = page.getByRole('dialog', { name: /退回/ });
      await modal.getByLabel('退回原因').fill('原因分析不具体，请补充拆违台账数据。');
      await modal.getByRole('button', { name: '退回修改' }).click();
      await visible(page, '已退回联络员修改');
      await eventually(() => detail.getByText('退回原因：原因分析不具体').isVisible()).toBe(true);
    });
  });

  it('the liaison revises the returned report', async () => {
    await asUser('liaison-qj-t01', async (page) => {
      await page.goto(`/my-tasks?task=${taskId}`);
      const detail = page.locator('.ant-drawer', { hasText: '任务详情' });
      await detail.getByRole('button', { name: '修改重报' }).click();
      const modal = page.getByRole('dialog', { name: /重新报送/ });
      await eventually(() => modal.getByText('退回原因：原因分析不具体').isVisible()).toBe(true);
      await modal.getByLabel('累计完成').fill('45');
      await modal
        .getByLabel('原因')
        .fill('雨季施工受阻；14 处违章搭建中 3 处涉及产权纠纷，已移交街道综合执法队。');
      await screenshot(page, 'report-modal-revise');
      await modal.getByRole('button', { name: '提交审核' }).click();
      await visible(page, '已提交，经本单位负责人审核后报送领导小组办公室');
    });
  });

  it('the head approves it', async () => {
    await asUser('head-qj-t01', async (page) => {
      await page.goto(`/my-tasks?view=approve&task=${taskId}`);
      const detail = page.locator('.ant-drawer', { hasText: '任务详情' });
      await detail.getByRole('button', { name: '审核通过' }).click();
      await confirmPopover(page, /审核通过/);
      await visible(page, '已审核通过');
      await eventually(() => detail.getByText('已审核报送').first().isVisible()).toBe(true);
      await screenshot(page, 'task-detail-head-approved');
    });
  });

  it('the office sees the light turn green and the late reports counted', async () => {
    await asUser('office', async (page) => {
      const api = await apiCall<TaskBody>(page, 'GET', `/api/v1/tasks/${taskId}`);
      expect(api.body.light).toBe('green');
      expect(api.body.lateReports).toBeGreaterThan(lateBefore);
      await page.goto(`/campaigns/${campaignId}`);
      await eventually(() => row(page).locator('[data-light="green"]').isVisible()).toBe(true);
      await eventually(() => row(page).innerText()).toContain('应完成 40%，实际 45%，进度正常');
      await eventually(() => row(page).locator('td').nth(7).innerText()).toBe(String(api.body.lateReports));
      // The list goes out to Excel as it is filtered, in the import format.
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: '导出 Excel' }).click();
      const sheet = await readSheet((await (await download).path())!);
      expect(sheet[0]).toEqual(expect.arrayContaining(['编号', '任务名称', '牵头单位']));
      expect(sheet.map((r) => r[0])).toEqual(expect.arrayContaining([taskCode, 'HJ-02', 'HJ-03']));
      // The counts on top are filters too.
      await page.locator('.luoshi-light-card[data-light="green"]').click();
      await page.waitForURL(/light=green/);
      await eventually(() => row(page).count()).toBe(1);
      await screenshot(page, 'task-list-office-green');
      await row(page).getByRole('button', { name: taskTitle }).click();
      const detail = page.locator('.ant-drawer', { hasText: '任务详情' });
      await detail.getByRole('tab', { name: /进度报送/ }).click();
      const report = detail.locator('.luoshi-report-card');
      await eventually(() => report.innerText()).toMatch(
        /已审核报送[\s\S]*45%[\s\S]*14 处违章搭建中 3 处涉及产权纠纷/,
      );
      // The file sent with the report reaches the office with it.
      const href = await report.getByRole('link', { name: /整治台账\.pdf/ }).getAttribute('href');
      expect(href).toMatch(/^\/api\/v1\/attachments\/\d+$/);
      const file = await page.request.get(href!);
      expect(file.status()).toBe(200);
      expect(file.headers()['content-type']).toBe('application/pdf');
      await screenshot(page, 'task-detail-office-reports');
    });
  });

  it('the leader writes an instruction from the portfolio', async () => {
    await asUser('leader', async (page) => {
      await page.getByRole('menuitem', { name: '包保任务' }).click();
      // Red first: the demo campaign's red tasks lead the list.
      await eventually(() =>
        page.locator('.ant-table-row').first().locator('[data-light="red"]').isVisible(),
      ).toBe(true);
      await screenshot(page, 'portfolio-leader-red-first');
      await page.getByPlaceholder('任务编号或名称').fill(taskCode);
      await page.getByPlaceholder('任务编号或名称').press('Enter');
      await eventually(() => row(page).isVisible()).toBe(true);
      await screenshot(page, 'portfolio-leader');
      await row(page).getByRole('button', { name: '作出批示' }).click();
      const modal = page.getByRole('dialog', { name: /批示/ });
      await modal.getByLabel('批示内容').fill(instruction);
      await modal.getByRole('button', { name: '发出批示' }).click();
      await visible(page, '批示已发出');
      await eventually(() => row(page).getByText('待回复批示 1').isVisible()).toBe(true);
    });
  });

  it('the liaison answers the instruction', async () => {
    await asUser('liaison-qj-t01', async (page) => {
      await page.getByRole('menuitem', { name: '我的任务' }).click();
      const toAnswer = page.locator('[data-view="answer"]');
      await eventually(() => toAnswer.innerText()).toMatch(/待回复批示\s*1/);
      await toAnswer.click();
      await eventually(() => row(page).getAttribute('class')).toContain('luoshi-row-instruction');
      await screenshot(page, 'my-tasks-liaison-instruction');
      await row(page).getByRole('button', { name: taskTitle }).click();
      const detail = page.locator('.ant-drawer', { hasText: '任务详情' });
      await eventually(() => detail.getByText(instruction).isVisible()).toBe(true);
      await detail.getByRole('button', { name: '回复批示' }).click();
      const modal = page.getByRole('dialog', { name: /回复领导批示/ });
      await modal.getByLabel('落实情况').fill('已倒排工期，增派两支施工队，整治台账将于月底前报送。');
      await modal.getByRole('button', { name: '提交回复' }).click();
      await visible(page, '已回复批示');
      await eventually(() => detail.getByText('已回复').first().isVisible()).toBe(true);
      await screenshot(page, 'task-detail-liaison-answered');
      const after = await apiCall<{ items: unknown[] }>(
        page,
        'GET',
        '/api/v1/tasks/mine?openInstructions=true',
      );
      expect(after.body.items).toHaveLength(0);
    });
  });

  it('the same pages read in English', async () => {
    await asUser('office', async (page) => {
      await page.getByText('English', { exact: true }).click();
      await page.goto(`/campaigns/${campaignId}`);
      await eventually(() => page.getByRole('button', { name: 'New task' }).isVisible()).toBe(true);
      await eventually(() => row(page).innerText()).toContain('40% planned, 45% done, on schedule');
      await screenshot(page, 'task-list-office-en');
      await row(page).getByRole('button', { name: taskTitle }).click();
      const detail = page.locator('.ant-drawer', { hasText: 'Open as a page' });
      await detail.getByRole('tab', { name: /Instructions/ }).click();
      await eventually(() => detail.getByText('Answered').first().isVisible()).toBe(true);
      await screenshot(page, 'task-detail-office-en');
      await page.goto('/campaigns');
      await eventually(() => page.getByRole('button', { name: 'New campaign' }).isVisible()).toBe(true);
      await screenshot(page, 'campaigns-office-en');
    });
  });
});
