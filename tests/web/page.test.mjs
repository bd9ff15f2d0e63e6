// The web page in headless Chromium against the real server: the timeline draws the sample
// articles' facts, a status cell shows its sources, search finds a document, quotes and claims
// list, and a document full of markup renders inert. Screenshots go to artifacts/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { artifacts, getJson, openPage, show, start } from './harness.mjs';

let context;

before(async () => {
  context = await start();
  console.log(`# server: ${context.binary}; samples new=${context.samples.new} duplicate=${context.samples.duplicate} error=${context.samples.error}`);
});

after(async () => {
  await context?.stop();
});

const shot = (page, name) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

test('the samples were ingested and linked into facts', async () => {
  assert.equal(context.samples.error, 0, JSON.stringify(context.samples.items.filter((item) => item.outcome === 'error')));
  const health = await getJson(context.base, '/healthz');
  assert.ok(health.counts.documents >= 2, JSON.stringify(health.counts));
  assert.ok(health.counts.events > 0, 'the samples yield events');
  assert.ok(health.counts.facts > 0, 'POST links the events into facts');
});

test('the timeline draws the facts of the sample articles', async () => {
  const { page, problems } = await openPage(context);
  await show(page, context.base, '#/timeline');
  const timeline = await getJson(context.base, '/api/timeline?limit=1000');
  const dated = timeline.items.filter((item) => item.day).length;
  assert.ok(dated > 0, 'the API has dated facts');
  await page.waitForSelector('#timeline-chart[data-points]');
  const drawn = Number(await page.getAttribute('#timeline-chart', 'data-points'));
  assert.equal(drawn, dated, 'every dated fact is drawn');
  assert.equal(await page.locator('#timeline-list > li').count(), dated);
  const box = await page.locator('#timeline-chart').boundingBox();
  assert.ok(box && box.width > 300 && box.height > 200, 'the chart has a size');
  await shot(page, 'timeline');

  // Filtering by an action keeps only that action.
  const action = timeline.items.find((item) => item.day).action;
  await page.selectOption('select[name=action]', action);
  await page.waitForFunction((name) => window.location.hash.includes(`action=${name}`), action);
  await page.waitForSelector('#timeline-list');
  const actions = await page.locator('#timeline-list > li').evaluateAll((items) => items.map((item) => item.dataset.action));
  assert.ok(actions.length > 0 && actions.every((name) => name === action), actions.join(','));

  // Sources of a fact open below the chart with links to the document view.
  await page.locator('#timeline-list > li button').first().click();
  await page.waitForSelector('#timeline-detail .sources a.doc-link');
  await shot(page, 'timeline-sources');

  // The per-report view draws the extracted events themselves.
  await show(page, context.base, '#/timeline?mode=events');
  await page.waitForSelector('#timeline-chart[data-points]');
  const events = await getJson(context.base, '/api/events?limit=1000');
  const eventPoints = Number(await page.getAttribute('#timeline-chart', 'data-points'));
  assert.ok(eventPoints > 0 && eventPoints <= events.items.length, `${eventPoints} of ${events.items.length}`);
  await shot(page, 'timeline-events');
  assert.deepEqual(problems, []);
  await page.close();
});

test('clicking a status cell shows the facts and sources behind it', async () => {
  const { page, problems } = await openPage(context);
  await show(page, context.base, '#/status');
  const cells = page.locator('#status-matrix td.cell');
  const count = await cells.count();
  assert.ok(count > 0, 'the status matrix has cells');
  const status = await getJson(context.base, `/api/status?at=${await page.inputValue('input[name=at]')}`);
  assert.equal(count, status.items.length);
  await cells.first().click();
  const link = page.locator('#status-detail .sources a.doc-link').first();
  await link.waitFor();
  await shot(page, 'status-sources');
  const href = await link.getAttribute('href');
  assert.match(href, /^#\/doc\/\d+\?focus=event-\d+$/);

  // The source link opens the document with the event highlighted in place.
  await link.click();
  await page.waitForSelector('#doc-text mark.focus');
  const focused = await page.locator('#doc-text mark.focus').first().textContent();
  assert.ok(focused.length > 0);
  await shot(page, 'document-from-status');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the status matrix can be seen as of an earlier day', async () => {
  const { page, problems } = await openPage(context);
  await show(page, context.base, '#/status?at=1900-01-01');
  assert.equal(await page.locator('#status-matrix td.cell').count(), 0);
  assert.ok(await page.locator('#status-empty').isVisible());
  assert.deepEqual(problems, []);
  await page.close();
});

test('the search box finds a document and opens it', async () => {
  const { page, problems } = await openPage(context);
  await show(page, context.base, '#/documents');
  // A word taken from a stored document (not hard-coded): its longest word.
  const documents = await getJson(context.base, '/api/documents');
  const target = documents.items.find((doc) => doc.source.startsWith('samples/') || doc.source.startsWith('fixture:'));
  const view = await getJson(context.base, `/api/documents/${target.id}`);
  const word = view.text.match(/[A-Za-z]{6,}/g).sort((a, b) => b.length - a.length)[0];
  await page.fill('#search-input', word);
  await page.press('#search-input', 'Enter');
  await page.waitForSelector('#search-results, #search-empty');
  const links = await page.locator('#search-results a.doc-link').evaluateAll((items) => items.map((a) => a.getAttribute('href')));
  assert.ok(links.includes(`#/doc/${target.id}`), `${word}: ${links.join(' ')}`);
  await shot(page, 'search');
  await page.locator(`#search-results a[href="#/doc/${target.id}"]`).first().click();
  await page.waitForSelector('#doc-text');
  const shown = await page.locator('#doc-text').textContent();
  assert.equal(shown, view.text, 'the document view shows the cleaned text exactly');
  await shot(page, 'document');
  assert.deepEqual(problems, []);
  await page.close();
});

test('quotes and claims are listed with speaker and source', async () => {
  const { page, problems } = await openPage(context);
  await show(page, context.base, '#/records');
  const quotes = await getJson(context.base, '/api/quotes?limit=200');
  const claims = await getJson(context.base, '/api/claims?limit=200');
  assert.equal(await page.locator('#quote-list > li').count(), quotes.items.length);
  assert.equal(await page.locator('#claim-list > li').count(), claims.items.length);
  await shot(page, 'quotes-claims');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a document full of markup renders inert', async () => {
  const { page, problems } = await openPage(context);
  await show(page, context.base, `#/doc/${context.hostileId}`);
  const text = await page.locator('#doc-text').textContent();
  assert.ok(text.includes('<script>'), 'the markup shows as text');
  assert.ok(text.includes('onerror'), 'the attribute shows as text');
  assert.equal(await page.locator('#doc-text script, #doc-text img, #doc-text svg, #doc-text a').count(), 0);
  assert.equal(await page.locator('#doc-title img').count(), 0);
  assert.ok((await page.locator('#doc-title').textContent()).includes('<img'));
  const url = page.locator('#doc-url');
  if (await url.count()) assert.equal(await url.getAttribute('href'), '#', 'a javascript: URL is not linked');
  // Hover and click over the text: nothing may run.
  await page.locator('#doc-text').click({ position: { x: 10, y: 10 } });
  await page.mouse.move(200, 200);
  await page.locator('#doc-url').click().catch(() => {});
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  await shot(page, 'hostile-document');

  // The same document in the list, search and records views.
  await show(page, context.base, '#/documents');
  await show(page, context.base, '#/search?q=Vallarta');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator('main img, main script, main svg').count(), 0);
  assert.deepEqual(problems, [], 'no dialog, page error or CSP violation');
  await page.close();
});
