// Shared set-up of the browser tests: a real leadq server on a free loopback port with a
// temporary data folder, a small fixture server (host pages from tests/web/fixtures,
// with per-page headers such as a strict CSP) that proxies /api and /widget to it, and
// Debian's Chromium driven by playwright-core. Everything started here stops by itself.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

import { after, before } from 'node:test';

import { chromium } from 'playwright-core';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const artifacts = resolve(root, 'test-artifacts');
export const serverBinary = resolve(root, process.env.LEADQ_SERVER || 'build/native/server/leadq');
// The widget as it ships (scripts/build-widget.mjs): bundled, minified, precompressed,
// with the wasm module in core/.
const widgetDir = resolve(root, process.env.LEADQ_WIDGET_DIR || 'build/widget');

/** Every child process and server, stopped at exit whatever happens. */
const cleanups = new Set();
process.on('exit', () => { for (const f of cleanups) f(); });

/**
 * Starts `leadq serve` on a free port, with the demo flows published for demo-site.
 * @param {{args?: string[], flows?: string[]}} [options] flows: more flow files (paths
 *   relative to the repository) to publish beside the demo flows
 * @returns {Promise<{url: string, adminKey: string, dataDir: string,
 *   admin: (path: string) => Promise<any>, stop: () => Promise<void>}>}
 */
export async function startLeadq(options = {}) {
  if (!existsSync(serverBinary)) throw new Error(`${serverBinary} is missing: build the native preset`);
  if (!existsSync(join(widgetDir, 'core/leadq-runtime.wasm'))) {
    throw new Error(`${widgetDir} is missing: run scripts/build.sh wasm (it builds the widget)`);
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'leadq-web-'));
  const adminKey = randomBytes(16).toString('hex');
  const seeds = join(dataDir, 'seed-flows');
  await mkdir(seeds);
  const demoFlows = join(root, 'web/demo/flows');
  const flowFiles = [...(await readdir(demoFlows)).map((f) => join(demoFlows, f)),
    ...(options.flows || []).map((f) => resolve(root, f))];
  for (const file of flowFiles) await copyFile(file, join(seeds, basename(file)));
  const child = spawn(serverBinary, ['serve', '--port', '0', '--bind', '127.0.0.1',
    '--data-dir', dataDir, '--web-root', join(root, 'web'), '--widget-dir', widgetDir,
    '--seed-flows', seeds,
    '--admin-key', adminKey, ...(options.args || [])],
  { stdio: ['ignore', 'pipe', 'pipe'] });
  const kill = () => { try { child.kill('SIGKILL'); } catch { /* gone */ } };
  cleanups.add(kill);
  // A hard stop in case a test hangs: no server outlives ten minutes.
  const deadline = setTimeout(kill, 10 * 60 * 1000);
  deadline.unref();
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const url = await new Promise((resolveUrl, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`leadq did not start: ${stderr}`)), 20000);
    child.stdout.on('data', (d) => {
      out += d;
      const match = /leadq listening on (http:\/\/[^\s]+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1].replace(/\/$/, ''));
      }
    });
    child.on('exit', (code) => reject(new Error(`leadq exited (${code}): ${stderr}`)));
  });
  const stop = async () => {
    clearTimeout(deadline);
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => {
        const force = setTimeout(() => { kill(); r(undefined); }, 5000);
        child.on('exit', () => { clearTimeout(force); r(undefined); });
      });
    }
    cleanups.delete(kill);
    await rm(dataDir, { recursive: true, force: true });
  };
  const admin = async (/** @type {string} */ path) => {
    const response = await fetch(url + path, { headers: { Authorization: `Bearer ${adminKey}` } });
    if (!response.ok) throw new Error(`admin ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  return { url, adminKey, dataDir, admin, stop };
}

const types = /** @type {Record<string, string>} */ ({ '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.wasm': 'application/wasm' });

/**
 * Serves tests/web/fixtures at / and proxies everything else to `upstream` (the leadq
 * server), so fixture pages and the widget share one origin.
 * @param {string} upstream
 * @param {{headers?: Record<string, string>, loseResponse?: (path: string) => boolean}} [options]
 *   headers are added to fixture pages; loseResponse(path) true forwards a request to the
 *   server but drops the connection instead of answering (a lost acknowledgement)
 * @returns {Promise<{url: string, requests: string[], stop: () => Promise<void>}>}
 */
export async function startFixtures(upstream, options = {}) {
  /** @type {string[]} */
  const requests = [];
  const server = http.createServer(async (req, res) => {
    const path = new URL(req.url || '/', 'http://x').pathname;
    requests.push(`${req.method} ${req.url}`);
    const file = join(root, 'tests/web/fixtures', path.replace(/\/$/, '/index.html'));
    if (!path.startsWith('/api/') && !path.startsWith('/widget/') && file.startsWith(join(root, 'tests/web/fixtures'))) {
      try {
        const body = await readFile(file);
        res.writeHead(200, { 'Content-Type': types[extname(file)] || 'application/octet-stream',
          'Cache-Control': 'no-store', ...(options.headers || {}) });
        res.end(body);
        return;
      } catch { /* fall through to the proxy */ }
    }
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    try {
      const headers = /** @type {Record<string, string>} */ ({ ...req.headers });
      delete headers.host;
      delete headers.origin;
      delete headers.referer;
      const upstreamResponse = await fetch(upstream + req.url, { method: req.method, headers,
        body: chunks.length ? Buffer.concat(chunks) : undefined });
      const body = Buffer.from(await upstreamResponse.arrayBuffer());
      if (req.method === 'POST' && options.loseResponse?.(path)) {
        req.socket.destroy();
        return;
      }
      const out = /** @type {Record<string, string>} */ ({});
      upstreamResponse.headers.forEach((v, k) => {
        if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(k)) out[k] = v;
      });
      res.writeHead(upstreamResponse.status, out);
      res.end(body);
    } catch (e) {
      res.writeHead(502);
      res.end(String(e));
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  const stop = async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(() => r(undefined)));
  };
  cleanups.add(() => server.close());
  return { url: `http://127.0.0.1:${address.port}`, requests, stop };
}

/** Headless Debian Chromium, as TOOLCHAIN.md prescribes. */
export async function launchBrowser() {
  const browser = await chromium.launch({
    executablePath: process.env.LEADQ_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    timeout: 30000,
  });
  cleanups.add(() => { browser.close().catch(() => {}); });
  return browser;
}

/** axe-core's source, read once. @type {Promise<string> | null} */
let axeSource = null;

/**
 * The serious and critical accessibility violations axe-core finds on the page (WCAG 2.1
 * A and AA, best practices), as "rule: targets" lines.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<string[]>}
 */
export async function seriousViolations(page) {
  axeSource ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol: the page's CSP forbids inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(await axeSource);
  const results = await page.evaluate(() => /** @type {any} */ (window).axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  }));
  return results.violations
      .filter((/** @type {any} */ v) => v.impact === 'serious' || v.impact === 'critical')
      .map((/** @type {any} */ v) => `${v.id}: ${v.nodes.map((/** @type {any} */ n) => n.target.join(' ')).join(', ')}`);
}

/**
 * @param {import('playwright-core').Page} page
 * @param {string} name file name without extension
 */
export async function screenshot(page, name) {
  await mkdir(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, `${name}.png`) });
}

/** The widget's shadow-root content, as a locator root. @param {import('playwright-core').Page} page */
export function widget(page) {
  return page.locator('leadq-chat');
}

/**
 * @typedef {{
 *   server: Awaited<ReturnType<typeof startLeadq>>,
 *   fixtures: Awaited<ReturnType<typeof startFixtures>>,
 *   browser: import('playwright-core').Browser,
 * }} Stack
 */

/**
 * Registers before/after hooks that start a leadq server, the fixture server in front of
 * it and Chromium for the calling test file, and stop them all afterwards. The returned
 * object is filled in before the first test runs.
 * @param {{flows?: string[]}} [options] as for startLeadq
 * @returns {Stack}
 */
export function useStack(options = {}) {
  const stack = /** @type {Stack} */ ({});
  before(async () => {
    stack.server = await startLeadq(options);
    stack.fixtures = await startFixtures(stack.server.url);
    stack.browser = await launchBrowser();
  });
  after(async () => {
    await stack.browser?.close();
    await stack.fixtures?.stop();
    await stack.server?.stop();
  });
  return stack;
}
