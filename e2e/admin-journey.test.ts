import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  apiCall,
  chooseSingleUnit,
  eventually,
  menuLabels,
  newContext,
  screenshot,
  signIn,
  useServerAndBrowser,
} from './support.ts';

const env = useServerAndBrowser();

const unitName = '测试新区社区';
const renamed = '测试新区社区（更名后）';
const person = { username: 'e2e-liaison', name: '测试联络员' };
const newPassword = 'Lx#2026-Qj!ok';
let unitCode = '';
let town = { id: 0, name: '' };
let oneTimePassword = '';

async function asUser<T>(
  username: string,
  password: string | undefined,
  run: (page: Page) => Promise<T>,
): Promise<T> {
  const context = await newContext(env.browser, env.server.baseUrl);
  const page = await context.newPage();
  try {
    await signIn(page, username, password);
    return await run(page);
  } finally {
    await context.close();
  }
}

const visible = (page: Page, text: string | RegExp) =>
  eventually(() => page.getByText(text).first().isVisible()).toBe(true);

/** Picks an option in the open antd Select popup. */
async function chooseOption(page: Page, label: string) {
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`).click();
}

describe('administrators at work: 三员 each in their lane', () => {
  it('the system administrator adds a unit under a town', async () => {
    await asUser('admin', undefined, async (page) => {
      const found = await apiCall<{ items: { id: number; name: string; code: string }[] }>(
        page,
        'GET',
        '/api/v1/units?q=QJ-T05&limit=1',
      );
      const t = found.body.items[0];
      if (!t) throw new Error('demo town QJ-T05 not found');
      town = { id: t.id, name: t.name };
      unitCode = `${t.code}-E2E`;

      await page.getByRole('menuitem', { name: '单位管理' }).click();
      await page.getByPlaceholder('搜索单位名称或编码').fill(town.name);
      await page.locator('.ant-tree').getByText(town.name, { exact: true }).first().click();
      await eventually(() =>
        page.locator('.ant-card-head').getByText(town.name, { exact: true }).isVisible(),
      ).toBe(true);

      await page.getByRole('button', { name: '新增下级单位' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('单位名称').fill(unitName);
      await dialog.getByLabel('单位编码').fill(unitCode);
      await dialog.getByLabel('单位类型').click();
      await chooseOption(page, '社区');
      await screenshot(page, 'admin-unit-create-dialog');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await visible(page, '已保存');
      await eventually(() =>
        page.locator('.ant-table').getByText(unitName, { exact: true }).isVisible(),
      ).toBe(true);
      await screenshot(page, 'admin-unit-created');
    });
  });

  it('the system administrator adds a person there and sees the one-time password once', async () => {
    await asUser('admin', undefined, async (page) => {
      await page.getByRole('menuitem', { name: '人员管理' }).click();
      await page.getByRole('button', { name: '新增人员' }).click();
      const drawer = page.locator('.ant-drawer');
      await drawer.getByLabel('用户名').fill(person.username);
      await drawer.getByLabel('姓名').fill(person.name);
      await chooseSingleUnit(page, '所在单位', unitName);
      await drawer.getByLabel('手机号码').fill('13800001234');
      await drawer.getByRole('button', { name: /保\s*存/ }).click();

      const otp = page.getByTestId('one-time-password');
      await eventually(() => otp.isVisible()).toBe(true);
      oneTimePassword = (await otp.innerText()).trim();
      expect(oneTimePassword.length).toBeGreaterThanOrEqual(8);
      await visible(page, '一次性密码只显示这一次');
      await screenshot(page, 'admin-person-one-time-password');
      await page.getByRole('button', { name: '我已记下' }).click();

      await page.getByPlaceholder('姓名、用户名或手机号').fill(person.username);
      await page.getByPlaceholder('姓名、用户名或手机号').press('Enter');
      const row = page.locator('.ant-table-row', { hasText: person.username });
      await eventually(() => row.count()).toBe(1);
      await eventually(() => row.getByText('待改密').isVisible()).toBe(true);
      await screenshot(page, 'admin-people');
    });
  });

  it('the system administrator renames the unit', async () => {
    await asUser('admin', undefined, async (page) => {
      await page.goto(`/units?unit=${town.id}`);
      const row = page.locator('.ant-table-row', { hasText: unitName });
      await row.getByRole('button', { name: '重命名' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('单位名称').fill(renamed);
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await eventually(() => page.locator('.ant-table').getByText(renamed, { exact: true }).isVisible()).toBe(
        true,
      );
      await screenshot(page, 'admin-unit-renamed');
    });
  });

  it('the security administrator grants the new person the liaison role', async () => {
    await asUser('secadmin', undefined, async (page) => {
      await page.getByRole('menuitem', { name: '授权管理' }).click();
      await page.getByRole('button', { name: '新增授权' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('人员').fill(person.username);
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option', {
          hasText: `（${person.username}）`,
        })
        .click();
      await dialog.getByLabel('角色').click();
      await chooseOption(page, '单位联络员');
      await chooseSingleUnit(page, '适用单位', renamed);
      await screenshot(page, 'secadmin-grant-dialog');
      await dialog.getByRole('button', { name: /授\s*权/ }).click();
      await visible(page, '授权成功');
      const row = page.locator('.ant-table-row', { hasText: person.name });
      await eventually(() => row.getByText('单位联络员').isVisible()).toBe(true);
      await screenshot(page, 'secadmin-grants');
    });
  });

  it('the security administrator cannot make the system administrator an auditor (三员分立)', async () => {
    await asUser('secadmin', undefined, async (page) => {
      await page.getByRole('menuitem', { name: '授权管理' }).click();
      await page.getByRole('button', { name: '新增授权' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('人员').fill('admin');
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '（admin）' })
        .click();
      await dialog.getByLabel('角色').click();
      await chooseOption(page, '审计管理员');
      await chooseSingleUnit(page, '适用单位', '清江区');
      await dialog.getByRole('button', { name: /授\s*权/ }).click();
      await eventually(() =>
        dialog
          .getByText(/三员分立/)
          .first()
          .isVisible(),
      ).toBe(true);
      await screenshot(page, 'secadmin-separation-refused');
      const grants = await apiCall<{ total: number }>(page, 'GET', '/api/v1/grants?role=auditor');
      expect(grants.body.total).toBe(1);
    });
  });

  it('the auditor finds the unit creation and the grant, and the log verifies', async () => {
    await asUser('auditor', undefined, async (page) => {
      await page.getByRole('menuitem', { name: '审计日志' }).click();
      await visible(page, '新增单位');

      await page.getByLabel('操作', { exact: true }).click();
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '(unit.create)' })
        .or(page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'unit.create' }))
        .first()
        .click();
      await page.getByRole('button', { name: /查\s*询/ }).click();
      const unitRow = page.locator('.ant-table-row', { hasText: 'unit.create' });
      await eventually(() => unitRow.count()).toBe(1);
      await unitRow.locator('.ant-table-row-expand-icon').click();
      await visible(page, unitCode);
      await screenshot(page, 'auditor-unit-create');

      await page.getByLabel('操作', { exact: true }).click();
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'grant.create' })
        .click();
      await page.getByLabel('操作人').fill('secadmin');
      await page.getByRole('button', { name: /查\s*询/ }).click();
      const grantRow = page.locator('.ant-table-row', { hasText: 'grant.create' });
      await eventually(() => grantRow.count()).toBe(1);
      await eventually(() => grantRow.getByText('secadmin').isVisible()).toBe(true);
      await grantRow.locator('.ant-table-row-expand-icon').click();
      await visible(page, '"role": "liaison"');

      await page.getByRole('button', { name: '校验完整性' }).click();
      await visible(page, '审计日志完整性校验通过');
      await screenshot(page, 'auditor-verified');
    });
  });

  it('the new person signs in with the one-time password and must change it first', async () => {
    expect(oneTimePassword).not.toBe('');
    await asUser(person.username, oneTimePassword, async (page) => {
      await visible(page, '首次登录或密码被重置后，须先修改密码才能继续使用');
      expect(await page.getByRole('menu', { name: '主菜单' }).count()).toBe(0);
      await screenshot(page, 'first-sign-in-change-password');

      await page.getByLabel('一次性密码（当前密码）').fill(oneTimePassword);
      await page.getByLabel('新密码', { exact: true }).fill('short');
      await page.getByLabel('确认新密码').fill('short');
      await page.getByRole('button', { name: '确认修改' }).click();
      await visible(page, '密码至少 8 位');

      await page.getByLabel('新密码', { exact: true }).fill(newPassword);
      await page.getByLabel('确认新密码').fill(newPassword);
      await page.getByRole('button', { name: '确认修改' }).click();
      await eventually(() => menuLabels(page)).toEqual([
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
      ]);
      await visible(page, person.name);
      await eventually(() => page.locator('main').getByText('单位联络员').isVisible()).toBe(true);
      await screenshot(page, 'first-sign-in-home');
    });
  });
});
