import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import {
  apiCall,
  confirmPopover,
  eventually,
  menuLabels,
  newContext,
  screenshot,
  signIn,
  useServerAndBrowser,
} from './support.ts';
import { moveClock } from './time-travel.ts';

/**
 * 督办 and 问责: an overdue problem of the town QJ-T01 escalates 提醒 → 催办 →
 * 督办 as the server's test clock moves on; the town answers the notice in
 * writing and the office accepts the answer. An inspection round's visit turns
 * a finding into a problem in one step. A circular drafted by the office is
 * approved by the leader (four eyes) and published to the public page. The
 * discipline role records a case with leniency and a follow-up visit; a
 * liaison has no menu entry, the address is not found and the API answers 404.
 */
const env = useServerAndBrowser();
afterAll(() => {
  if (env.server) moveClock(env.server, 0);
});

const beijing = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
const day = (offset: number) => beijing(new Date(Date.now() + offset * 86_400_000));

const slipping = '村级活动场所消防通道长期堵塞，整改时限已过仍未清理';
const answer = '已组织村“两委”连夜清理消防通道，拆除违章搭建 2 处，并建立每周巡查台账，确保不再反弹。';
const circularTitle = '关于清江区部分单位整改不力问题的通报';
const leniencyReason = '该同志在推进改革中先行先试，因缺乏经验出现失误，未谋取私利，且主动挽回损失。';
let town = { id: 0, name: '' };
let problemId = 0;

interface NoticeRow {
  id: number;
  level: string;
  status: string;
  objectId: string;
  skippedLevels: string[];
  answer: string | null;
}

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

/** The notices on our problem, newest first. */
async function noticesOfProblem(page: Page): Promise<NoticeRow[]> {
  const r = await apiCall<{ items: NoticeRow[] }>(
    page,
    'GET',
    `/api/v1/supervision-notices?objectKind=problem_overdue&limit=100`,
  );
  expect(r.status).toBe(200);
  return r.body.items.filter((n) => n.objectId === String(problemId));
}

/** Runs the escalation job as the office through its endpoint, as the schedule would. */
async function runEscalation(page: Page) {
  const r = await apiCall<{ ran: boolean }>(page, 'POST', '/api/v1/escalation/run', {});
  expect(r.status).toBe(200);
  expect(r.body.ran).toBe(true);
}

describe('督查督办: escalation, answers, inspections and circulars', () => {
  it('the office sets the rule for overdue problems; a bad step is refused at its field', async () => {
    await asUser('office', async (page) => {
      const t = await apiCall<{ items: { id: number; name: string }[] }>(
        page,
        'GET',
        '/api/v1/units?q=QJ-T01&limit=1',
      );
      town = t.body.items[0]!;
      await page.getByRole('menuitem', { name: '督办设置' }).click();
      const card = page.getByTestId('rule-problem_overdue');
      await eventually(() => card.getByLabel('逾期满（工作日） 1').isVisible()).toBe(true);
      // Two steps on the same day overlap: the server says so under the second one.
      await card.getByLabel('逾期满（工作日） 2').fill('1');
      await card.getByRole('button', { name: /保\s*存/ }).click();
      await eventually(() => card.locator('.ant-form-item-explain-error').first().innerText()).toMatch(/\S/);
      await screenshot(page, 'escalation-rules-error');
      // 1 → 提醒, 5 → 催办, 10 → 督办; no 挂牌督办 for this journey.
      await card.getByLabel('逾期满（工作日） 2').fill('5');
      await card.getByLabel('逾期满（工作日） 3').fill('10');
      while ((await card.getByLabel('逾期满（工作日） 4').count()) > 0)
        await card.getByRole('button', { name: '删除' }).last().click();
      await card.getByRole('button', { name: /保\s*存/ }).click();
      await visible(page, '升级规则已保存');
      const rules = await apiCall<{ items: { kind: string; steps: { level: string }[] }[] }>(
        page,
        'GET',
        '/api/v1/escalation-rules',
      );
      expect(rules.body.items.find((r) => r.kind === 'problem_overdue')!.steps.map((s) => s.level)).toEqual([
        'reminder',
        'urge',
        'supervise',
      ]);
      await screenshot(page, 'escalation-rules');

      const sources = await apiCall<{ id: number; code: string }[]>(page, 'GET', '/api/v1/problem-sources');
      const created = await apiCall<{ id: number }>(page, 'POST', '/api/v1/problems', {
        description: slipping,
        sourceId: sources.body.find((s) => s.code === 'supervision')!.id,
        foundOn: day(0),
        unitId: town.id,
        deadline: day(1),
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      problemId = created.body.id;
    });
  });

  it('the problem slips: 提醒 after a few days, 催办 a week on, 督办 weeks later', async () => {
    moveClock(env.server, 4);
    await asUser('office', async (page) => {
      await page.goto('/settings/escalation');
      await page.getByRole('button', { name: '立即执行升级' }).click();
      await eventually(() => page.locator('.ant-alert', { hasText: '已执行' }).isVisible()).toBe(true);
      await eventually(async () => (await noticesOfProblem(page)).map((n) => [n.level, n.status])).toEqual([
        ['reminder', 'open'],
      ]);
      await page.getByRole('menuitem', { name: '督办单' }).click();
      const row = page.locator('.ant-table-row', { hasText: slipping });
      await eventually(() => row.locator('.ant-tag', { hasText: '提醒' }).isVisible()).toBe(true);
      await screenshot(page, 'notices-office-reminder');
    });

    moveClock(env.server, 9);
    await asUser('office', async (page) => {
      await runEscalation(page);
      const ns = await noticesOfProblem(page);
      expect(ns.map((n) => [n.level, n.status])).toEqual([
        ['urge', 'open'],
        ['reminder', 'escalated'],
      ]);
    });

    moveClock(env.server, 26);
    await asUser('office', async (page) => {
      await runEscalation(page);
      const ns = await noticesOfProblem(page);
      expect(ns.map((n) => [n.level, n.status])).toEqual([
        ['supervise', 'open'],
        ['urge', 'escalated'],
        ['reminder', 'escalated'],
      ]);
      // Running again the same day raises nothing new.
      await runEscalation(page);
      expect(await noticesOfProblem(page)).toHaveLength(3);
    });
  });

  it('the town answers the 督办 in writing; the office reads the answer and accepts it', async () => {
    await asUser('liaison-qj-t01', async (page) => {
      const main = page.locator('main');
      await eventually(() => main.getByText('督查督办').first().isVisible()).toBe(true);
      await screenshot(page, 'home-liaison-notices');
      await page.getByRole('menuitem', { name: '督办单' }).click();
      await visible(page, '本单位收到的督办单');
      const row = page.locator('.ant-table-row', { hasText: slipping });
      await eventually(() => row.locator('.ant-tag', { hasText: /^督办$/ }).isVisible()).toBe(true);
      await screenshot(page, 'notices-unit');
      await row.getByRole('button', { name: '书面答复' }).click();
      const drawer = page.locator('.ant-drawer', { hasText: '督办单详情' });
      await eventually(() => drawer.getByText(slipping).isVisible()).toBe(true);
      // An empty answer is refused on the spot.
      await drawer.getByRole('button', { name: '提交答复' }).click();
      await eventually(() => drawer.getByText('必填').isVisible()).toBe(true);
      await drawer.getByLabel('书面答复').fill(answer);
      await screenshot(page, 'notice-answer-unit');
      await drawer.getByRole('button', { name: '提交答复' }).click();
      await visible(page, '答复已提交');
      await eventually(() => drawer.locator('.ant-tag', { hasText: '已答复' }).isVisible()).toBe(true);
    });
    await asUser('office', async (page) => {
      await page.getByRole('menuitem', { name: '督办单' }).click();
      // Many notices are live in the demo district: the office narrows the list to 督办.
      await page.getByRole('combobox', { name: '督办级别' }).click();
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: /^督办$/ })
        .click();
      await eventually(() => page.locator('.ant-table-row .ant-tag', { hasText: '挂牌督办' }).count()).toBe(
        0,
      );
      await screenshot(page, 'notices-office-supervise');
      // The notice itself opens from its address (the drawer of the list).
      const live = (await noticesOfProblem(page))[0]!;
      expect(live).toMatchObject({ level: 'supervise', status: 'answered' });
      await page.goto(`/notices?notice=${live.id}`);
      const drawer = page.locator('.ant-drawer', { hasText: '督办单详情' });
      await eventually(() => drawer.getByText(answer).isVisible()).toBe(true);
      await screenshot(page, 'notice-answer-office');
      await drawer.getByRole('button', { name: '认可答复' }).click();
      await confirmPopover(page, /确\s*定|OK/);
      await visible(page, '已认可答复');
      const ns = await noticesOfProblem(page);
      expect(ns[0]).toMatchObject({ level: 'supervise', status: 'accepted', answer });
    });
    await asUser('leader', async (page) => {
      await page.getByRole('menuitem', { name: '督办单' }).click();
      await visible(page, '点名您为责任领导的督办单');
      await screenshot(page, 'notices-leader');
    });
    moveClock(env.server, 0);
  });

  it('an inspection visit turns a finding into a problem in one step', async () => {
    moveClock(env.server, 0);
    await asUser('office', async (page) => {
      const people = await apiCall<{ items: { id: number; username: string }[] }>(
        page,
        'GET',
        '/api/v1/people?q=inspector&limit=5',
      );
      const inspector = people.body.items.find((p) => p.username === 'inspector')!;
      const round = await apiCall<{ id: number }>(page, 'POST', '/api/v1/inspection-rounds', {
        name: '2026年第二轮作风建设明察暗访',
        kind: 'unannounced_visit',
        startOn: day(-1),
        endOn: day(20),
        description: '重点检查便民服务窗口工作纪律和群众办事体验',
        unitIds: [town.id],
        teams: [
          { name: '第一督查组', leaderId: inspector.id, memberIds: [inspector.id], unitIds: [town.id] },
        ],
      });
      expect(round.status, JSON.stringify(round.body)).toBe(201);
      await page.getByRole('menuitem', { name: '督查检查' }).click();
      await page.getByRole('link', { name: '2026年第二轮作风建设明察暗访' }).click();
      await visible(page, '第一督查组');
      await page.getByRole('button', { name: '记录走访' }).click();
      const modal = page.locator('.ant-modal', { hasText: '记录走访' });
      await modal.getByLabel('走访单位').click();
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: town.name })
        .click();
      await modal
        .getByLabel('走访情况')
        .fill('上午 9:30 到访便民服务中心，3 个窗口仅 1 人在岗，群众排队超过 40 分钟。');
      await screenshot(page, 'round-visit-modal');
      await modal.getByRole('button', { name: /保\s*存/ }).click();
      await visible(page, '走访已记录');
      await page.getByRole('button', { name: '发现问题转清单' }).click();
      const finding = page.locator('.ant-modal', { hasText: '一步转入问题清单' });
      await finding.getByRole('button', { name: '发现问题转清单' }).click();
      await eventually(() => finding.getByText('必填').first().isVisible()).toBe(true);
      await finding.getByLabel('问题描述').fill('便民服务中心工作时间窗口脱岗，群众长时间排队等候');
      await finding.getByLabel('整改时限').click();
      await finding.getByLabel('整改时限').fill(day(15));
      await finding.getByLabel('整改时限').press('Enter');
      await finding.getByRole('button', { name: '发现问题转清单' }).click();
      await visible(page, /已转入问题清单：\d+ 号问题/);
      await eventually(() =>
        page
          .locator('.ant-table-row')
          .first()
          .getByRole('link', { name: /^#\d+$/ })
          .count(),
      ).toBe(1);
      await screenshot(page, 'round-detail');
      await page.getByRole('link', { name: /返回督查轮次/ }).click();
      await eventually(() => page.locator('.ant-table-row').count()).toBeGreaterThan(0);
      await screenshot(page, 'rounds-list');
    });
  });

  it('a circular drafted by the office is approved by the leader and published to the public page', async () => {
    await asUser('office', async (page) => {
      await page.getByRole('menuitem', { name: '通报警告' }).click();
      await page.getByRole('button', { name: '起草通报' }).click();
      const modal = page.locator('.ant-modal', { hasText: '起草通报' });
      await modal.getByLabel('标题').fill(circularTitle);
      await modal
        .getByLabel('正文')
        .fill(
          '近期区委督查室明察暗访发现，个别单位对交办问题整改不力、敷衍应付，现予以通报批评。各单位要引以为戒，举一反三。',
        );
      // A circular must name someone: the server says so at 涉及单位.
      await modal.getByRole('button', { name: /保\s*存/ }).click();
      await eventually(() => modal.locator('.ant-form-item-explain-error').count()).toBeGreaterThan(0);
      await screenshot(page, 'circular-draft-error');
      await modal.getByLabel('涉及单位').click();
      await modal.getByLabel('涉及单位').fill(town.name);
      await page
        .locator(`.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper[title="${town.name}"]`)
        .click();
      await modal.locator('.ant-modal-title').click();
      await modal.getByRole('button', { name: /保\s*存/ }).click();
      await visible(page, '已起草，待另一人签发');
      const row = page.locator('.ant-table-row', { hasText: circularTitle });
      await eventually(() => row.getByText('起草人不能签发自己起草的').isVisible()).toBe(true);
      expect(await row.getByRole('button', { name: /^签\s*发$/ }).count()).toBe(0);
      await screenshot(page, 'circulars-office-draft');
    });
    await asUser('leader', async (page) => {
      await page.getByRole('menuitem', { name: '通报警告' }).click();
      const row = page.locator('.ant-table-row', { hasText: circularTitle });
      await row.getByRole('button', { name: /^签\s*发$/ }).click();
      await eventually(() => row.locator('.ant-tag', { hasText: '已签发' }).isVisible()).toBe(true);
    });
    await asUser('office', async (page) => {
      await page.getByRole('menuitem', { name: '通报警告' }).click();
      const row = page.locator('.ant-table-row', { hasText: circularTitle });
      await row.getByRole('button', { name: '公开曝光' }).click();
      await confirmPopover(page, /确\s*定|OK/);
      await eventually(() => row.locator('.ant-tag', { hasText: '已公开曝光' }).isVisible()).toBe(true);
      await screenshot(page, 'circulars-published');
      await page.getByRole('tab', { name: '警告' }).click();
      await screenshot(page, 'warnings-office');
      // A redo order for the town, seen by the town below.
      const redo = await apiCall(page, 'POST', '/api/v1/redo-orders', {
        subject: { kind: 'unit', unitId: town.id },
        reason: '督查发现该镇对消防通道堵塞问题查而不纠，责令重新检视、返工整改。',
        dueOn: day(10),
        basisProblemIds: [problemId],
      });
      expect(redo.status, JSON.stringify(redo.body)).toBe(201);
      await page.getByRole('menuitem', { name: '返工整改' }).click();
      await visible(page, '查而不纠');
      await screenshot(page, 'redo-orders-office');
      await page.getByRole('menuitem', { name: '线索移送' }).click();
      await eventually(() => page.getByRole('button', { name: '起草线索' }).isVisible()).toBe(true);
      await screenshot(page, 'clues-office');
    });
    await asUser('liaison-qj-t01', async (page) => {
      await page.getByRole('menuitem', { name: '返工整改' }).click();
      await visible(page, '查而不纠');
      const order = page.locator('.ant-table-row', { hasText: '查而不纠' });
      await eventually(() => order.getByRole('button', { name: '提交自查报告' }).isVisible()).toBe(true);
      await screenshot(page, 'redo-orders-unit');
    });
    const context = await newContext(env.browser, env.server.baseUrl);
    const page = await context.newPage();
    try {
      await page.goto('/public/circulars');
      await visible(page, circularTitle);
      await visible(page, '通报批评');
      await screenshot(page, 'public-circulars');
    } finally {
      await context.close();
    }
  });
});

describe('问责: the discipline role only', () => {
  let caseId = 0;

  it('records a case with leniency and a follow-up visit, and the statistics follow', async () => {
    await asUser('discipline', async (page) => {
      expect(await menuLabels(page)).toContain('问责');
      await page.getByRole('menuitem', { name: '问责' }).click();
      await page.getByRole('button', { name: '新建案件' }).click();
      const modal = page.locator('.ant-modal', { hasText: '新建案件' });
      await modal.getByLabel('案件编号').fill('清纪问〔2026〕7号');
      await modal.getByLabel('案件名称').fill('某镇消防通道整改不力问责案');
      await modal.getByRole('button', { name: /保\s*存/ }).click();
      await page.waitForURL(/\/accountability\/cases\/\d+$/);
      caseId = Number(/cases\/(\d+)/.exec(page.url())![1]);
      await visible(page, '本案尚无问责记录');
      await screenshot(page, 'accountability-case-empty');

      await page.getByRole('button', { name: '录入问责记录' }).first().click();
      const drawer = page.locator('.ant-drawer', { hasText: '录入问责记录' });
      await drawer.getByRole('button', { name: '登记新人员' }).click();
      const reg = page.locator('.ant-modal', { hasText: '登记新人员' });
      await reg.getByLabel('姓名').fill('王某某');
      await reg.getByLabel('所在单位').click();
      await reg.getByLabel('所在单位').fill(town.name);
      await page
        .locator(`.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper[title="${town.name}"]`)
        .click();
      await reg.getByLabel('职务').fill('副镇长');
      await reg.getByRole('button', { name: /保\s*存/ }).click();
      await visible(page, '已登记');
      await drawer.getByLabel('四种形态').click();
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '第二种形态' })
        .click();
      await drawer.getByLabel('处理措施').click();
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: /^党内警告$/ })
        .click();
      await drawer.getByLabel('依据问题（编号）').fill(String(problemId));
      await drawer.getByLabel('依据问题（编号）').press('Enter');
      await drawer.getByRole('switch').click();
      await drawer.getByLabel(/^从轻处理$/).check();
      await drawer.getByText('推进改革中因缺乏经验、先行先试出现的失误错误').click();
      await drawer.getByLabel('适用理由').fill('初犯');
      await drawer
        .getByLabel('问责决定')
        .fill('经研究，决定对王某某同志给予党内警告处分，鉴于其符合“三个区分开来”情形，从轻处理。');
      await drawer.getByRole('button', { name: '录入问责记录' }).click();
      // Too short a reasoning is refused where it was typed, and nothing is written.
      await eventually(() => drawer.getByText(/请写明适用理由/).isVisible()).toBe(true);
      await screenshot(page, 'accountability-record-error');
      const none = await apiCall<{ records: unknown[] }>(
        page,
        'GET',
        `/api/v1/accountability/cases/${caseId}`,
      );
      expect(none.body.records).toHaveLength(0);
      await drawer.getByLabel('适用理由').fill(leniencyReason);
      await drawer.getByRole('button', { name: '录入问责记录' }).click();
      await visible(page, '问责记录已录入');
      const card = page.locator('.ant-card', { hasText: '王某某' }).first();
      await eventually(() => card.getByText(leniencyReason).isVisible()).toBe(true);
      await eventually(() => card.getByText('经研究，决定对王某某同志给予党内警告处分').isVisible()).toBe(
        true,
      );
      await eventually(() => card.getByText('待回访').count()).toBe(2);
      await screenshot(page, 'accountability-case');

      await card.getByRole('button', { name: '登记回访' }).first().click();
      const visit = page.locator('.ant-modal', { hasText: '登记回访' });
      await visit.getByLabel('回访情况').fill('本人认识深刻，工作积极主动，整改到位。');
      await visit.getByText('提出“不影响使用”意见').click();
      await visit.getByRole('button', { name: '登记回访' }).click();
      await visible(page, '回访已登记');
      await eventually(() => card.getByText('不影响使用').isVisible()).toBe(true);
      await eventually(() => card.getByText('待回访').count()).toBe(1);

      await page.getByRole('link', { name: /返回问责/ }).click();
      await eventually(() => page.getByRole('link', { name: '某镇消防通道整改不力问责案' }).isVisible()).toBe(
        true,
      );
      await screenshot(page, 'accountability-cases');
      await page.getByRole('tab', { name: '问责记录' }).click();
      await eventually(() => page.locator('.ant-table-row', { hasText: '王某某' }).isVisible()).toBe(true);
      await screenshot(page, 'accountability-records');
      await page.getByRole('tab', { name: '回访教育' }).click();
      await eventually(() => page.locator('.ant-table-row', { hasText: '王某某' }).count()).toBeGreaterThan(
        0,
      );
      await screenshot(page, 'accountability-follow-ups');
      await page.getByRole('tab', { name: '线索移送' }).click();
      await screenshot(page, 'accountability-clues');
      await page.getByRole('tab', { name: '问责统计' }).click();
      await visible(page, '按四种形态');
      const stats = await apiCall<{ cases: number; people: number; visited: number; opinions: number }>(
        page,
        'GET',
        '/api/v1/accountability/statistics',
      );
      expect(stats.body.cases).toBeGreaterThanOrEqual(1);
      expect(stats.body.opinions).toBeGreaterThanOrEqual(1);
      await visible(page, `共问责 ${stats.body.cases} 件 ${stats.body.people} 人`);
      await screenshot(page, 'accountability-statistics');
    });
  });

  it('a liaison never sees it: no menu entry, the address is not found, the API answers 404', async () => {
    await asUser('liaison-qj-t01', async (page) => {
      const menu = await menuLabels(page);
      expect(menu).not.toContain('问责');
      await page.goto('/accountability');
      await visible(page, '页面不存在');
      await page.goto(`/accountability/cases/${caseId}`);
      await visible(page, '页面不存在');
      expect(await page.getByText('某镇消防通道整改不力问责案').count()).toBe(0);
      await screenshot(page, 'accountability-liaison-not-found');
      for (const url of [
        '/api/v1/accountability/cases',
        `/api/v1/accountability/cases/${caseId}`,
        '/api/v1/accountability/statistics',
      ])
        expect((await apiCall(page, 'GET', url)).status, url).toBe(404);
    });
  });
});
