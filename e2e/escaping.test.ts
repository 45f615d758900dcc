import { describe, expect, it } from 'vitest';
import { apiCall, eventually, newContext, screenshot, signIn, useServerAndBrowser } from './support.ts';

const hostile = `<img src=x onerror=alert(1)>'; DROP TABLE units;--`;

const env = useServerAndBrowser();

describe('user content is text, never markup', () => {
  it('a unit named like an injection shows literally and runs nothing', async () => {
    const context = await newContext(env.browser, env.server.baseUrl);
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    try {
      await signIn(page, 'admin');
      const created = await apiCall<{ id: number; name: string }>(page, 'POST', '/api/v1/units', {
        parentId: 1,
        name: hostile,
        code: 'E2E-XSS',
        typeId: 2,
      });
      expect(created.status).toBe(201);
      expect(created.body.name).toBe(hostile);

      await page.goto(`/units?unit=${created.body.id}`);
      const title = page.locator('.ant-card-head').getByText(hostile, { exact: true });
      await eventually(() => title.isVisible()).toBe(true);
      await page.getByPlaceholder('搜索单位名称或编码').fill('DROP TABLE');
      await eventually(() => page.locator('.ant-tree').getByText(hostile).first().isVisible()).toBe(true);
      expect(await page.locator('img[src="x"]').count()).toBe(0);
      expect(dialogs).toEqual([]);
      await screenshot(page, 'escaping-unit');

      // The units table still answers: nothing was dropped.
      const list = await apiCall<{ total: number }>(page, 'GET', '/api/v1/units?limit=1');
      expect(list.body.total).toBeGreaterThan(500);
    } finally {
      await context.close();
    }
  });
});
