// Starts the real migtrack server on a temporary database, ingests the sample articles and a
// hostile document through POST /api/documents, and opens headless Chromium on it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const repo = resolve(here, '..', '..');
export const artifacts = join(here, 'artifacts');
export const TOKEN = 'browser-test-token';

/** The server binary: $MIGTRACK_BIN, else the CLI, else the server crate's `serve` example. */
function findBinary() {
  if (process.env.MIGTRACK_BIN) return process.env.MIGTRACK_BIN;
  const target = process.env.CARGO_TARGET_DIR ?? join(repo, 'target');
  for (const candidate of [join(target, 'debug', 'migtrack'), join(target, 'debug', 'examples', 'serve')]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`no server binary: build it (cargo build -p migtrack-cli) or set MIGTRACK_BIN`);
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

async function waitForHealth(base, child, log) {
  for (let attempt = 0; attempt < 300; attempt++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${log.join('')}`);
    try {
      const response = await fetch(`${base}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((wake) => setTimeout(wake, 100));
  }
  throw new Error(`server did not answer /healthz:\n${log.join('')}`);
}

/** The sample articles (samples/index.jsonl) as POST bodies; the fixtures if there are none. */
export function sampleDocuments() {
  const manifest = join(repo, 'samples', 'index.jsonl');
  if (!existsSync(manifest)) {
    return JSON.parse(readFileSync(join(here, 'fixtures', 'articles.json'), 'utf8'));
  }
  return readFileSync(manifest, 'utf8').split('\n').filter((line) => line.trim()).map((line) => {
    const entry = JSON.parse(line);
    const body = readFileSync(join(repo, 'samples', entry.file), 'utf8');
    const document = entry.file.endsWith('.html') ? { html: body } : { text: body };
    document.source = `samples/${entry.file}`;
    for (const key of ['title', 'published', 'outlet', 'lang', 'url']) {
      if (entry[key]) document[key] = entry[key];
    }
    return document;
  });
}

export const hostileDocument = JSON.parse(readFileSync(join(here, 'fixtures', 'hostile.json'), 'utf8'));

export async function post(base, body) {
  const response = await fetch(`${base}/api/documents`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const result = await response.json();
  if (!response.ok) throw new Error(`POST failed ${response.status}: ${JSON.stringify(result)}`);
  return result;
}

export async function getJson(base, path) {
  const response = await fetch(`${base}${path}`);
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
  return response.json();
}

/** Everything a test file needs: `{base, browser, ingest, stop}`. */
export async function start() {
  mkdirSync(artifacts, { recursive: true });
  const binary = findBinary();
  const dir = mkdtempSync(join(tmpdir(), 'migtrack-web-'));
  const db = join(dir, 'web.db');
  const port = await freePort();
  const listen = `127.0.0.1:${port}`;
  const isCli = basename(binary).startsWith('migtrack');
  const args = isCli
    ? ['--db', db, 'serve', '--listen', listen, '--token', TOKEN]
    : ['--db', db, '--listen', listen, '--token', TOKEN];
  // The CLI ingests the bundled samples with `migtrack demo` (as a newcomer would); the bare
  // server example gets them through POST below.
  let samples;
  if (isCli) {
    const demo = spawnSync(binary, ['--db', db, 'demo'], { encoding: 'utf8', timeout: 300_000 });
    if (demo.status !== 0) throw new Error(`migtrack demo failed (${demo.status}):\n${demo.stderr}`);
  }
  const log = [];
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (chunk) => log.push(String(chunk)));
  child.stderr.on('data', (chunk) => log.push(String(chunk)));
  const base = `http://${listen}`;
  await waitForHealth(base, child, log);

  if (isCli) {
    const health = await getJson(base, '/healthz');
    samples = { new: health.counts.documents, duplicate: 0, error: 0, items: [] };
  } else {
    samples = await post(base, sampleDocuments());
  }
  const hostile = await post(base, hostileDocument);
  const hostileId = hostile.items[0].doc_id;

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });

  async function stop() {
    await browser.close().catch(() => {});
    child.kill('SIGTERM');
    await new Promise((done) => (child.exitCode !== null ? done() : child.once('exit', done)));
    rmSync(dir, { recursive: true, force: true });
  }
  return { base, browser, samples, hostileId, binary, stop, log };
}

/** A page that records dialogs, page errors and CSP violations (a clean page has none). */
export async function openPage(context) {
  const page = await context.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  page.on('dialog', async (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    await dialog.dismiss();
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  return { page, problems };
}

/** Navigate to a hash route and wait until the view has rendered. */
export async function show(page, base, hash) {
  const before = await page.evaluate(() => document.body?.dataset.ready ?? '').catch(() => '');
  if (page.url().startsWith(base)) {
    await page.evaluate((target) => { window.location.hash = target; }, hash);
  } else {
    await page.goto(`${base}/${hash}`);
  }
  await page.waitForFunction((previous) => document.body.dataset.ready && document.body.dataset.ready !== previous, before);
}
