import { describe, expect, it } from 'vitest';
import {
  apiCall,
  eventually,
  menuLabels,
  newContext,
  screenshot,
  signIn,
  useServerAndBrowser,
} from './support.ts';

/** What each demo account may use, as the menu must show it (工作台 first). */
const expectedMenus: Record<string, string[]> = {
  admin: ['工作台', '单位管理', '人员管理', '问题设置', '工作日历'],
  secadmin: ['工作台', '组织架构', '人员名录', '授权管理'],
  auditor: ['工作台', '审计日志'],
  office: [
    '工作台',
    '专项行动',
    '问题清单',
    '负面清单',
    '问题统计',
    '督办单',
    '督查检查',
    '通报警告',
    '返工整改',
    '线索移送',
    '赛马比拼',
    '组织架构',
    '人员名录',
    '任务设置',
    '督办设置',
    '问题设置',
  ],
  inspector: [
    '工作台',
    '专项行动',
    '问题清单',
    '负面清单',
    '问题统计',
    '督办单',
    '督查检查',
    '通报警告',
    '返工整改',
    '线索移送',
    '赛马比拼',
    '组织架构',
    '人员名录',
  ],
  leader: [
    '工作台',
    '专项行动',
    '包保任务',
    '问题清单',
    '负面清单',
    '问题统计',
    '督办单',
    '通报警告',
    '返工整改',
    '赛马比拼',
    '组织架构',
  ],
  // 问责 is the discipline role's alone.
  discipline: [
    '工作台',
    '专项行动',
    '问题清单',
    '负面清单',
    '问题统计',
    '督办单',
    '通报警告',
    '返工整改',
    '问责',
    '赛马比拼',
    '组织架构',
  ],
  grid: ['工作台', '组织架构'],
  'liaison-qj-t01': [
    '工作台',
    '我的任务',
    '本单位问题',
    '负面清单',
    '督办单',
    '通报警告',
    '返工整改',
    '赛马比拼',
    '组织架构',
    '人员名录',
  ],
  'head-qj-t01': [
    '工作台',
    '我的任务',
    '本单位问题',
    '负面清单',
    '督办单',
    '通报警告',
    '返工整改',
    '赛马比拼',
    '组织架构',
    '人员名录',
  ],
};

/** The button on the home page that leads to each role's main screen. */
const mainScreen: Record<string, string> = {
  office: '进入专项行动',
  leader: '进入包保任务',
  'liaison-qj-t01': '进入我的任务',
  'head-qj-t01': '进入我的任务',
};

interface SessionBody {
  user: { name: string; unit: { name: string } };
}

const env = useServerAndBrowser();

describe('the menu follows the role', () => {
  for (const [username, expected] of Object.entries(expectedMenus)) {
    it(`${username} sees exactly ${expected.join('、')}`, async () => {
      const context = await newContext(env.browser, env.server.baseUrl);
      const page = await context.newPage();
      try {
        await signIn(page, username);
        expect(await menuLabels(page)).toEqual(expected);
        const me = await apiCall<SessionBody>(page, 'GET', '/api/v1/session');
        expect(me.status).toBe(200);
        const main = page.locator('main');
        await eventually(() => main.getByText(me.body.user.name).first().isVisible()).toBe(true);
        await eventually(() => main.getByText(me.body.user.unit.name).first().isVisible()).toBe(true);
        await eventually(() => page.getByRole('heading', { name: /好，|夜深了，/ }).isVisible()).toBe(true);
        if (mainScreen[username])
          await eventually(() => main.getByRole('button', { name: mainScreen[username] }).isVisible()).toBe(
            true,
          );
        await screenshot(page, `home-${username}`);
        if (username === 'liaison-qj-t01') {
          // A town liaison browses only their own town, and may change nothing.
          await page.getByRole('menuitem', { name: '组织架构' }).click();
          await eventually(() =>
            page.locator('.ant-tree').getByText(me.body.user.unit.name, { exact: true }).isVisible(),
          ).toBe(true);
          await eventually(() => page.locator('.ant-tree').getByText('清江区', { exact: true }).count()).toBe(
            0,
          );
          expect(await page.getByRole('button', { name: '新增下级单位' }).count()).toBe(0);
          expect(await page.getByRole('button', { name: '重命名' }).count()).toBe(0);
          await screenshot(page, 'units-browse-liaison');
        }
      } finally {
        await context.close();
      }
    });
  }

  it('a page outside the role is refused, not shown', async () => {
    const context = await newContext(env.browser, env.server.baseUrl);
    const page = await context.newPage();
    try {
      await signIn(page, 'auditor');
      await page.goto('/units');
      await eventually(() => page.getByText('您没有访问此页面的权限').isVisible()).toBe(true);
      expect(await menuLabels(page)).toEqual(['工作台', '审计日志']);
    } finally {
      await context.close();
    }
  });

  it('English is chosen once and kept after a reload', async () => {
    const context = await newContext(env.browser, env.server.baseUrl);
    const page = await context.newPage();
    try {
      await signIn(page, 'secadmin');
      await page.getByText('English', { exact: true }).click();
      await eventually(() => menuLabels(page)).toEqual(['Home', 'Organization', 'Directory', 'Role grants']);
      await page.reload();
      await eventually(() => menuLabels(page)).toEqual(['Home', 'Organization', 'Directory', 'Role grants']);
      expect(await page.evaluate(() => localStorage.getItem('luoshi.lang'))).toBe('en');
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      await eventually(() =>
        page.getByRole('heading', { name: /^Good (morning|afternoon|evening)|^Working late/ }).isVisible(),
      ).toBe(true);
      await screenshot(page, 'home-secadmin-en');
      await page.goto('/grants');
      await eventually(() => page.getByRole('button', { name: /Grant a role/ }).isVisible()).toBe(true);
      await screenshot(page, 'grants-en');
      // And back: 中文 is remembered the same way.
      await page.getByText('中文', { exact: true }).click();
      await page.reload();
      await eventually(() => menuLabels(page)).toEqual(expectedMenus.secadmin);
    } finally {
      await context.close();
    }
  });
});
