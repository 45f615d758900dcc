import { chromium } from 'playwright-core';
const [,, user, ...paths] = process.argv;
const lang = process.env.LANG_UI ?? 'zh';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu','--no-first-run'] });
const ctx = await b.newContext({ baseURL: 'http://127.0.0.1:3917', viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
const page = await ctx.newPage();
page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
page.on('console', (m) => { if (m.type() === 'error' || m.type()==='warning') console.log('CONSOLE', m.type(), m.text().slice(0, 300)); });
await page.goto('/login');
await page.evaluate((l) => localStorage.setItem('luoshi.lang', l), lang);
await page.goto('/login');
await page.getByLabel(/用户名|Username/).fill(user);
await page.getByLabel(/^(密码|Password)$/).fill('Demo#2026pass');
await page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
await page.waitForURL((u) => !u.pathname.startsWith('/login'));
for (const p of paths) {
  const [path, name, click] = p.split('@');
  await page.goto(path);
  await page.waitForTimeout(2500);
  if (click) { await page.getByText(click, { exact: false }).first().click(); await page.waitForTimeout(1500); }
  const overlay = await page.locator('.ant-modal-wrap:visible, .ant-drawer-content-wrapper:visible').count();
  await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: overlay === 0 });
  console.log('shot', name);
}
await b.close();
