// Issue 9, items 10–15, in headless Chromium against the real server: lists page through the
// API's cursor, filters live in the URL, downloads give the filtered view, a chart of counts per
// month sits by the timeline (a 1938 item does not squash it), search marks the matched words,
// and an analyst reviews records. Screenshots go to artifacts/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOKEN, artifacts, getJson, openPage, post, show, start } from './harness.mjs';

let context;

before(async () => {
  context = await start();
});

after(async () => {
  await context?.stop();
});

/** A viewport-sized screenshot (small files for the repository). */
const shot = (page, name) => page.screenshot({ path: join(artifacts, `${name}.png`), type: 'png' });

/** Every item of a list endpoint. */
async function all(path) {
  const items = [];
  let cursor = '';
  for (;;) {
    const separator = path.includes('?') ? '&' : '?';
    const page = await getJson(context.base, `${path}${separator}limit=1000${cursor ? `&cursor=${cursor}` : ''}`);
    items.push(...page.items);
    if (page.next === null || page.next === undefined) return items;
    cursor = page.next;
  }
}

/** RFC 4180 CSV into rows of fields (quoted fields may hold commas and newlines). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; } else if (c !== '\r') field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

test('quotes, claims and the timeline list page through every record', async () => {
  const { page, problems } = await openPage(context);
  const quotes = await all('/api/quotes');
  assert.ok(quotes.length > 10, `the samples have quotes to page: ${quotes.length}`);
  await show(page, context.base, '#/records?size=5');
  assert.equal(await page.locator('#quote-list > li').count(), 5, 'the first page');
  assert.ok(await page.locator('#quote-more').isVisible());
  await shot(page, 'records-paging');
  while (await page.locator('#quote-more').isVisible()) {
    const before = await page.locator('#quote-list > li').count();
    await page.click('#quote-more');
    await page.waitForFunction((n) => document.querySelectorAll('#quote-list > li').length > n, before);
  }
  const shownIds = await page.locator('#quote-list > li').evaluateAll((items) => items.map((item) => Number(item.dataset.id)));
  assert.deepEqual(shownIds, quotes.map((quote) => quote.id), 'every quote, once, in order');
  assert.equal(await page.locator('#quote-count').textContent(), String(quotes.length));

  // The timeline list pages too (events, five a page).
  await show(page, context.base, '#/timeline?mode=events&size=5');
  const dated = Number(await page.locator('#timeline-summary').textContent().then((text) => text.match(/^(\d+)/)[1]));
  const days = [];
  for (;;) {
    const pageDays = await page.locator('#timeline-list > li').evaluateAll((items) => items.map((item) => item.dataset.day));
    assert.ok(pageDays.length <= 5);
    days.push(...pageDays);
    if (!(await page.locator('#timeline-next').count())) break;
    await page.click('#timeline-next');
    await page.waitForFunction((n) => document.querySelector('#timeline-list')?.dataset.page === String(n), days.length / 5 + 1);
  }
  assert.equal(days.length, dated, 'every dated event is listed on some page');
  assert.deepEqual(days, [...days].sort(), 'in date order across pages');
  assert.deepEqual(problems, []);
  await page.close();
});

test('filters by outlet, language and period are kept in the URL and shareable', async () => {
  const { page, problems } = await openPage(context);
  const facets = await getJson(context.base, '/api/facets');
  const outlet = facets.outlets.sort((a, b) => b.documents - a.documents)[0].name;
  await show(page, context.base, '#/records');
  await page.selectOption('#records-form select[name=outlet]', outlet);
  await page.waitForFunction(() => window.location.hash.includes('outlet='));
  await page.waitForSelector('#records-form');
  const expected = await all(`/api/quotes?outlet=${encodeURIComponent(outlet)}`);
  assert.equal(await page.locator('#quote-list > li').count(), expected.length);
  const labels = await page.locator('#quote-list > li a.doc-link').allTextContents();
  assert.ok(labels.every((label) => label.includes(outlet)), labels.join(' | '));

  // A period in any form the CLI takes, then the URL opened in a fresh tab: same view.
  await page.fill('#records-form input[name=since]', '2018');
  await page.fill('#records-form input[name=until]', '2026-Q4');
  await page.click('#records-form button[type=submit]');
  await page.waitForFunction(() => window.location.hash.includes('since=2018') && window.location.hash.includes('until=2026-Q4'));
  await page.waitForSelector('#records-form');
  const url = page.url();
  const filtered = await all(`/api/quotes?outlet=${encodeURIComponent(outlet)}&since=2018&until=2026-Q4`);
  assert.equal(await page.locator('#quote-list > li').count(), filtered.length);
  await shot(page, 'filters');
  const { page: shared } = await openPage(context);
  await shared.goto(url);
  await shared.waitForSelector('#records-form');
  await shared.waitForFunction(() => document.body.dataset.ready);
  assert.equal(await shared.inputValue('#records-form select[name=outlet]'), outlet);
  assert.equal(await shared.inputValue('#records-form input[name=until]'), '2026-Q4');
  assert.equal(await shared.locator('#quote-list > li').count(), filtered.length);
  await shared.close();

  // Documents by language, the timeline by outlet.
  const lang = facets.languages[0].name;
  await show(page, context.base, `#/documents?lang=${lang}`);
  const documents = await all(`/api/documents?lang=${lang}`);
  assert.equal(await page.locator('#document-table tbody tr').count(), Math.min(100, documents.length));
  await show(page, context.base, `#/timeline?outlet=${encodeURIComponent(outlet)}`);
  await page.waitForSelector('#timeline-chart[data-points]');
  const facts = (await all(`/api/timeline?outlet=${encodeURIComponent(outlet)}`)).filter((item) => item.day);
  assert.equal(await page.locator('#timeline-list > li').count(), facts.length);
  assert.equal(await page.inputValue('#timeline-controls select[name=outlet]'), outlet);
  assert.deepEqual(problems, []);

  // A period the API cannot read is said plainly.
  await show(page, context.base, '#/records?since=yesterday');
  const error = await page.locator('main .error').textContent();
  assert.match(error, /YYYY-MM/);
  assert.match(error, /invalid_date/);
  await page.close();
});

test('download buttons give the filtered view as CSV and JSON with named columns', async () => {
  const { page, problems } = await openPage(context);
  const facets = await getJson(context.base, '/api/facets');
  const outlet = facets.outlets.sort((a, b) => b.documents - a.documents)[0].name;
  await show(page, context.base, `#/records?outlet=${encodeURIComponent(outlet)}`);
  const expected = await all(`/api/quotes?outlet=${encodeURIComponent(outlet)}`);
  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('#download-quotes-csv')]);
  assert.equal(csvDownload.suggestedFilename(), 'migtrack-quotes.csv');
  const rows = parseCsv(readFileSync(await csvDownload.path(), 'utf8'));
  const header = rows[0];
  for (const column of ['id', 'speaker', 'text', 'sentence', 'doc_id', 'outlet', 'title', 'url', 'published']) {
    assert.ok(header.includes(column), header.join(','));
  }
  assert.equal(rows.length - 1, expected.length);
  const outletColumn = header.indexOf('outlet');
  assert.ok(rows.slice(1).every((row) => row[outletColumn] === outlet));

  const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.click('#download-claims-json')]);
  const claims = JSON.parse(readFileSync(await jsonDownload.path(), 'utf8'));
  assert.equal(claims.length, (await all(`/api/claims?outlet=${encodeURIComponent(outlet)}`)).length);
  await page.locator('.downloads').first().scrollIntoViewIfNeeded();
  await shot(page, 'download');

  // The timeline's download is its facts (or events), with the same filters.
  await show(page, context.base, '#/timeline?mode=events&since=2018');
  const [events] = await Promise.all([page.waitForEvent('download'), page.click('#download-events-json')]);
  const eventRows = JSON.parse(readFileSync(await events.path(), 'utf8'));
  assert.equal(eventRows.length, (await all('/api/events?since=2018')).length);
  assert.ok(eventRows.every((row) => 'cameo' in row && 'plover' in row && 'actor' in row));
  assert.deepEqual(problems, []);
  await page.close();
});

test('search marks the matched words and shows outlet, date and title, never a path', async () => {
  const { page, problems } = await openPage(context);
  await show(page, context.base, '#/search?q=compact');
  await page.waitForSelector('#search-results');
  const marks = await page.locator('#search-results mark.hit').allTextContents();
  assert.ok(marks.length > 0, 'matches are marked');
  assert.ok(marks.every((mark) => mark.toLowerCase() === 'compact'), marks.join(','));
  const hits = (await getJson(context.base, '/api/search?q=compact&limit=100')).items;
  const text = await page.locator('#search-results').textContent();
  for (const hit of hits) {
    if (hit.outlet) assert.ok(text.includes(hit.outlet), hit.outlet);
    if (hit.published) assert.ok(text.includes(hit.published), hit.published);
    if (hit.title) assert.ok(text.includes(hit.title), hit.title);
    assert.ok(!text.includes(hit.source), `the source ${hit.source} is not shown`);
  }
  assert.doesNotMatch(text, /samples\/|\.txt|\.html/);
  await shot(page, 'search-highlights');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a chart of counts per month sits by the timeline, and a 1938 event does not squash the axis', async () => {
  const { page, problems } = await openPage(context);
  const posted = await post(context.base, {
    source: 'fixture:1938', title: 'An archive story', outlet: 'Archive', published: '2018-12-01', lang: 'en',
    text: 'On 12 March 1938, Austria withdrew from the Global Compact for Migration, the government said in a statement.',
  });
  assert.equal(posted.new, 1);
  const events = await all('/api/events');
  assert.ok(events.some((row) => row.date?.startsWith('1938')), 'the 1938 event is stored');

  await show(page, context.base, '#/timeline?mode=events');
  await page.waitForSelector('#timeline-chart[data-points]');
  const axisFirst = await page.getAttribute('#timeline-chart', 'data-axis-first');
  assert.ok(axisFirst > '2000', `the axis starts with the recent items, not in 1938: ${axisFirst}`);
  assert.match(await page.locator('#timeline-clipped').textContent(), /1938/);
  assert.ok((await page.locator('#timeline-list').textContent()).includes('1938'), 'the list still has it');

  const chart = page.locator('#counts-chart');
  assert.ok(await chart.isVisible());
  const axisLast = await page.getAttribute('#timeline-chart', 'data-axis-last');
  const inRange = (day) => day && day >= axisFirst && day <= axisLast;
  const eventDay = (row) => {
    const value = row.date ?? '';
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
    if (/^\d{4}-\d{2}$/.test(value)) return `${value}-01`;
    if (/^\d{4}$/.test(value)) return `${value}-01-01`;
    return null;
  };
  const simple = events.filter((row) => !row.date || /^\d{4}(-\d{2}){0,2}$/.test(row.date));
  const expectedEvents = simple.filter((row) => inRange(eventDay(row) ?? row.provenance.published)).length;
  const drawnEvents = Number(await chart.getAttribute('data-events'));
  assert.ok(drawnEvents >= expectedEvents && drawnEvents <= events.length, `${drawnEvents} events per month vs ${expectedEvents}`);
  const quotes = await all('/api/quotes');
  const expectedQuotes = quotes.filter((row) => inRange(row.provenance.published)).length;
  assert.equal(Number(await chart.getAttribute('data-quotes')), expectedQuotes);
  assert.ok(Number(await chart.getAttribute('data-months')) < 12 * 40, 'months of the recent range only');
  const bars = await page.locator('#counts-chart rect.bar').evaluateAll((rects) => rects.reduce((sum, rect) => sum + Number(rect.dataset.count), 0));
  assert.equal(bars, drawnEvents, 'the bars add up to the events counted');
  await chart.scrollIntoViewIfNeeded();
  await shot(page, 'chart');

  // The facts view draws the same way.
  await show(page, context.base, '#/timeline');
  await page.waitForSelector('#timeline-chart[data-points]');
  assert.ok((await page.getAttribute('#timeline-chart', 'data-axis-first')) > '2000');
  assert.deepEqual(problems, []);
  await page.close();
});

test('an analyst rejects an event and confirms a quote from the page', async () => {
  const { page, problems } = await openPage(context);
  await show(page, context.base, '#/status');
  const cellsBefore = await page.locator('#status-matrix td.cell').count();
  assert.ok(cellsBefore > 0);
  await page.locator('#status-matrix td.cell').first().click();
  await page.waitForSelector('#status-detail .review-reject');
  const eventId = Number(await page.locator('#status-detail .review').first().getAttribute('data-id'));

  // Without the token nothing is sent, and the page says what is missing.
  await page.locator('#status-detail .review-reject').first().click();
  await page.waitForFunction(() => document.querySelector('#status-detail .review-status')?.textContent.includes('token'));

  await page.fill('#token-input', TOKEN);
  await page.click('#token-form button[type=submit]');
  await page.fill('#status-detail .review-note >> nth=0', 'wrong framework');
  await page.locator('#status-detail .review-reject').first().click();
  await page.waitForFunction(() => document.querySelector('#status-detail .review')?.dataset.review === 'rejected');
  await shot(page, 'review');
  const rejected = (await all('/api/events?include_rejected=true')).find((row) => row.id === eventId);
  assert.equal(rejected.review.verdict, 'rejected');
  assert.equal(rejected.review.note, 'wrong framework');
  assert.ok(!(await all('/api/events')).some((row) => row.id === eventId), 'left out of the list');
  const facts = await all('/api/facts');
  assert.ok(facts.every((fact) => !fact.event_ids.includes(eventId)), 'and out of the facts');
  // The view renders again without it.
  await page.waitForFunction((before) => document.querySelectorAll('#status-matrix td.cell').length !== before || document.querySelector('#status-empty'), cellsBefore, { timeout: 5000 }).catch(() => {});

  // Quotes: confirm one; a rejected one shows again with "show rejected".
  await show(page, context.base, '#/records');
  const first = page.locator('#quote-list > li').first();
  const quoteId = await first.getAttribute('data-id');
  await first.locator('.review-confirm').click();
  await page.waitForFunction((id) => document.querySelector(`#quote-list > li[data-id="${id}"]`)?.dataset.review === 'confirmed', quoteId);
  const second = page.locator('#quote-list > li').nth(1);
  const rejectedQuote = await second.getAttribute('data-id');
  await second.locator('.review-reject').click();
  await page.waitForFunction((id) => document.querySelector(`#quote-list > li[data-id="${id}"]`)?.dataset.review === 'rejected', rejectedQuote);
  await show(page, context.base, '#/records?size=50');
  assert.equal(await page.locator(`#quote-list > li[data-id="${rejectedQuote}"]`).count(), 0, 'a rejected quote leaves the list');
  await page.check('#records-form input[name=include_rejected]');
  await page.waitForFunction(() => window.location.hash.includes('include_rejected=true'));
  await page.waitForSelector(`#quote-list > li[data-id="${rejectedQuote}"][data-review=rejected]`);
  await shot(page, 'review-quotes');
  assert.deepEqual(problems, []);
  await page.close();
});
