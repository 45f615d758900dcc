import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
export const DEMO_PASSWORD = 'Demo#2026pass';
const screenshotDir = path.join(repoRoot, '.test-results', 'screenshots');

/** Asks the OS for a free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningServer {
  baseUrl: string;
  /** The server's data directory (its embedded PostgreSQL lives in `pg/`). */
  dataDir: string;
  stop(): Promise<void>;
}

async function waitReady(
  baseUrl: string,
  child: ChildProcess,
  output: () => string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`server exited with ${child.exitCode} before it was ready:\n${output()}`);
    try {
      const res = await fetch(`${baseUrl}/readyz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server not ready after ${timeoutMs} ms:\n${output()}`);
}

/**
 * Starts the real server (embedded PostgreSQL, demo district) on a free port
 * with a fresh data directory; `stop()` ends it and removes the directory.
 */
export async function startServer(): Promise<RunningServer> {
  if (!existsSync(path.join(repoRoot, 'web', 'dist', 'index.html'))) {
    throw new Error('web/dist/index.html is missing: run `npm run build:web` before the e2e tests');
  }
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'luoshi-e2e-'));
  // Run as root, embedded PostgreSQL's initdb runs as a separate user that must reach this directory.
  chmodSync(dataDir, 0o755);
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'serve'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LUOSHI_DATA_DIR: dataDir,
      LUOSHI_DEMO_PASSWORD: DEMO_PASSWORD,
      LUOSHI_PBKDF2_ITERATIONS: '20000',
      // The journeys' test clock (e2e/time-travel.ts moves it); no file, no offset.
      LUOSHI_TEST_CLOCK_FILE: path.join(dataDir, 'test-clock'),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (b: Buffer) => {
    log = (log + b.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitReady(baseUrl, child, () => log, 150_000);
  } catch (e) {
    await stop();
    throw e;
  }
  return { baseUrl, dataDir, stop };
}

/** Debian's Chromium, headless, with nothing phoning home. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

/** A fresh browser profile (own cookies and localStorage) at a desktop size, in zh-CN. */
export async function newContext(browser: Browser, baseUrl: string): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
}

/**
 * Saves a screenshot as .test-results/screenshots/<name>.png: the whole page,
 * or just the window while a dialog or drawer is open (a full-page capture
 * would stretch the page under the fixed mask).
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  // Let antd's motion finish so the picture shows the settled page.
  await page.waitForTimeout(500);
  const overlay = await page.locator('.ant-modal-wrap:visible, .ant-drawer-content-wrapper:visible').count();
  if (overlay === 0) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: file, fullPage: overlay === 0 });
  return file;
}

/** Signs in through the login form and waits for the signed-in shell (or the forced password page). */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/^(密码|Password)$/).fill(password);
  await page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Signs out through the user menu. */
export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: /退出登录|Sign out/ }).click();
  await page.waitForURL('**/login');
}

/** The labels of the main (side) menu, in order. */
export async function menuLabels(page: Page): Promise<string[]> {
  const menu = page.getByRole('menu', { name: /主菜单|Main menu/ });
  await menu.waitFor();
  return (await menu.getByRole('menuitem').allInnerTexts()).map((s) => s.trim());
}

/** Calls the API from inside the page's session (same cookies, CSRF header). */
export async function apiCall<T>(
  page: Page,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await page.request.fetch(url, {
    method,
    headers: method === 'GET' ? {} : { 'X-Luoshi-Request': '1', 'Content-Type': 'application/json' },
    data: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status(), body: (text ? JSON.parse(text) : undefined) as T };
}

/**
 * Polls until the assertion holds: the UI settles in its own time, and a busy
 * machine should slow a journey down, not fail it.
 */
export function eventually<T>(fn: () => Promise<T> | T, timeout = 15_000) {
  return expect.poll(fn, { timeout, interval: 100 });
}

/** The server and Chromium one test file runs against. */
export interface E2eEnv {
  server: RunningServer;
  browser: Browser;
}

/** Starts a fresh server and Chromium before the file's tests and stops both after them. */
export function useServerAndBrowser(): E2eEnv {
  const env = {} as E2eEnv;
  beforeAll(async () => {
    env.server = await startServer();
    env.browser = await launchBrowser();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}

/** Presses the OK button of the open Popconfirm. */
export async function confirmPopover(page: Page, name: RegExp): Promise<void> {
  await page.locator('.ant-popover:visible').getByRole('button', { name }).click();
}

/**
 * Like `chooseUnit`, for a single-unit field, and sure of the result: the tree is searched on the server, and an
 * answer that lands during the click redraws the node so that the click selects nothing (the dropdown then stays
 * open over the dialog's buttons). Clicks again until the dropdown has closed.
 */
export async function chooseSingleUnit(page: Page, field: string, name: string): Promise<void> {
  await chooseUnit(page, field, name);
  const node = page.locator(
    `.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper[title="${name}"]`,
  );
  const open = page.locator('.ant-select-dropdown:visible .ant-select-tree');
  await eventually(async () => {
    if ((await open.count()) > 0) await node.click({ timeout: 2_000 }).catch(() => undefined);
    return open.count();
  }).toBe(0);
}

/** Types into a unit TreeSelect (found by its label) and picks the unit with that exact name. */
export async function chooseUnit(page: Page, field: string, name: string): Promise<void> {
  await page.getByLabel(field, { exact: true }).click();
  await page.getByLabel(field, { exact: true }).fill(name);
  await page
    .locator(`.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper[title="${name}"]`)
    .click();
}
