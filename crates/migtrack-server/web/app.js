// The migtrack page: timeline, status matrix, quotes and claims, document view and search,
// all read from the JSON API. Every string from the API reaches the page through textContent
// (see dom.js), never as markup.

import { h, clear, append } from './dom.js';
import { segments } from './highlight.js';
import { boundDays, periodDays, periodLabel } from './periods.js';
import { axisRange, countsByMonth } from './axis.js';

const view = document.getElementById('view');

// One colour per action (the timeline and the legend).
const ACTION_COLOURS = {
  join: '#2e8b57', endorse: '#6aa84f', withdraw: '#c0392b', reject: '#e67e22', boycott: '#8e44ad',
  host: '#1f77b4', attend: '#17becf', agree: '#2ca02c', restrict: '#d62728', expand: '#98df8a',
  deploy: '#7f7f7f', deport: '#8c564b', instruct: '#bcbd22', urge: '#ff7f0e', criticize: '#e377c2',
  support: '#9edae5', block: '#393b79', fund: '#637939', defund: '#843c39',
};
const colourOf = (action) => ACTION_COLOURS[action] ?? '#555';

// ---------------------------------------------------------------- API

class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function api(path, params = {}) {
  const url = new URL(path, window.location.origin);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, value);
  }
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const error = body?.error ?? {};
    throw new ApiError(response.status, error.code ?? 'http_error', error.message ?? response.statusText);
  }
  return body;
}

/** Every page of a list endpoint (bounded, so a huge store cannot hang the page). */
async function apiAll(path, params = {}, maxItems = 20000) {
  const items = [];
  let cursor;
  do {
    const page = await api(path, { ...params, limit: 1000, cursor });
    items.push(...page.items);
    cursor = page.next ?? undefined;
  } while (cursor !== undefined && items.length < maxItems);
  return items;
}

function showError(error) {
  clear(view);
  append(view, h('p', { class: 'error' }, `Error: ${error.message}`, error.code ? ` (${error.code})` : ''));
}

// ---------------------------------------------------------------- routing

const routes = {
  timeline: showTimeline,
  status: showStatus,
  records: showRecords,
  documents: showDocuments,
  doc: showDocument,
  search: showSearch,
};

function parseHash() {
  const hash = window.location.hash.replace(/^#\/?/, '');
  const [path, queryText = ''] = hash.split('?');
  const [name = 'timeline', ...rest] = path.split('/').filter(Boolean);
  return { name, rest, query: new URLSearchParams(queryText) };
}

let renderToken = 0;
let activeChart = null;
let mountHooks = [];

/** Run `hook` once the view being built is in the document (charts need a laid-out canvas). */
function onMounted(hook) {
  mountHooks.push(hook);
}

async function render() {
  const token = ++renderToken;
  const { name, rest, query } = parseHash();
  const handler = routes[name] ?? showTimeline;
  for (const link of document.querySelectorAll('nav a')) {
    link.classList.toggle('active', link.dataset.view === name || (name === 'doc' && link.dataset.view === 'documents'));
  }
  if (activeChart) {
    activeChart.destroy();
    activeChart = null;
  }
  clear(view);
  append(view, h('p', { class: 'muted' }, 'Loading…'));
  mountHooks = [];
  try {
    const content = await handler(rest, query);
    if (token !== renderToken) return;
    clear(view);
    append(view, content);
    for (const hook of mountHooks.splice(0)) hook();
    document.body.dataset.view = name;
    document.body.dataset.ready = String(token);
  } catch (error) {
    if (token !== renderToken) return;
    showError(error);
    document.body.dataset.view = name;
    document.body.dataset.ready = String(token);
  }
}

function go(hash) {
  if (window.location.hash === hash) render();
  else window.location.hash = hash;
}

const docLink = (docId, label, focus) =>
  h('a', { href: `#/doc/${docId}${focus ? `?focus=${encodeURIComponent(focus)}` : ''}`, class: 'doc-link' }, label);

function sourceLabel(provenance) {
  // `label` is the outlet, else the title, else the end of the path: never a long file path.
  const name = provenance.title ?? (provenance.outlet ? null : provenance.label);
  const parts = [provenance.outlet, provenance.published, name];
  return parts.filter(Boolean).join(' · ');
}

// ---------------------------------------------------------------- filters, downloads, reviews

const FILTER_NAMES = ['outlet', 'lang', 'since', 'until'];
let facetsRequest = null;

/** The outlets and languages of the stored documents (asked once per page load). */
function facets() {
  facetsRequest ??= api('/api/facets').catch(() => ({ outlets: [], languages: [] }));
  return facetsRequest;
}

/** A view's list filters from its URL (outlet, language, period, rejected) as API parameters. */
function listFilters(query) {
  const params = {};
  for (const name of FILTER_NAMES) {
    const value = query.get(name)?.trim();
    if (value) params[name] = value;
  }
  if (query.get('include_rejected') === 'true') params.include_rejected = 'true';
  return params;
}

/** Rows per page of a list: `size` in the URL (5–1000), else 100. */
function pageSize(query) {
  const size = Number(query.get('size'));
  return Number.isInteger(size) && size >= 5 && size <= 1000 ? size : 100;
}

/** The filter form of a list view: `extra` fields, then outlet and language menus and a period
 * (any form the API takes: 2019, 2019-03, 2019-Q1, FY2026…). Submitting puts the values in the
 * URL, so a filtered view can be shared; `keep` names URL parameters carried over as they are. */
async function filterForm(route, query, { id, extra = [], keep = [], omit = {}, rejected = false } = {}) {
  const { outlets, languages } = await facets();
  const current = (name) => query.get(name) ?? '';
  const submit = (event) => event.target.form.requestSubmit();
  const menu = (name, label, values) => h('label', {}, label, h('select', { name, onchange: submit },
    h('option', { value: '' }, 'all'),
    values.map(({ name: value, documents }) => {
      const option = h('option', { value }, `${value} (${documents})`);
      if (value === current(name)) option.selected = true;
      return option;
    })));
  const period = (name, label) => h('label', {}, label,
    h('input', { type: 'text', name, value: current(name), size: 12, placeholder: '2019, 2019-03, 2019-Q1…' }));
  const form = h('form', { class: 'controls filters', id, onsubmit: (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const name of keep) if (query.get(name)) params.set(name, query.get(name));
    for (const element of form.elements) {
      if (!element.name) continue;
      if (element.type === 'checkbox') {
        if (element.checked) params.set(element.name, 'true');
      } else if (element.value.trim() && omit[element.name] !== element.value) {
        params.set(element.name, element.value.trim());
      }
    }
    go(`#/${route}${params.size ? `?${params}` : ''}`);
  } },
  extra,
  menu('outlet', 'Outlet', outlets),
  menu('lang', 'Language', languages),
  period('since', 'From'),
  period('until', 'To'),
  rejected ? h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'include_rejected', checked: current('include_rejected') === 'true', onchange: submit }), 'show rejected') : null,
  h('button', { type: 'submit' }, 'Filter'),
  h('button', { type: 'button', onclick: () => go(`#/${route}`) }, 'Reset'));
  return form;
}

/** CSV and JSON links for the table `kind` of `GET /api/export`, with the view's filters. */
function downloads(kind, params) {
  const link = (format) => {
    const search = new URLSearchParams({ kind, format });
    for (const [name, value] of Object.entries(params)) if (value) search.set(name, value);
    return h('a', { class: 'button download', id: `download-${kind}-${format}`, href: `/api/export?${search}`, download: `migtrack-${kind}.${format}` }, format.toUpperCase());
  };
  return h('span', { class: 'downloads' }, h('span', { class: 'meta' }, `Download ${kind}:`), ' ', link('csv'), ' ', link('json'));
}

const TOKEN_KEY = 'migtrack-token';

async function postReview(kind, id, verdict, note) {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) throw new ApiError(401, 'unauthorized', 'enter the server’s write token (at the foot of the page) to review records');
  const response = await fetch('/api/reviews', {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ kind, id, verdict, note: note || undefined }),
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const error = body?.error ?? {};
    throw new ApiError(response.status, error.code ?? 'http_error', error.message ?? response.statusText);
  }
  return body;
}

/** Reject / confirm buttons and a note for one event, quote or claim. `done` runs after a
 * review is stored (a view whose contents change with it renders again). */
function reviewControls(kind, row, done) {
  const verdictText = (review) => (review ? `${review.verdict}${review.note ? `: ${review.note}` : ''}` : '');
  const status = h('span', { class: 'review-status meta' }, verdictText(row.review));
  const note = h('input', { type: 'text', class: 'review-note', size: 16, placeholder: 'note (optional)', 'aria-label': 'Review note' });
  const box = h('span', { class: 'review', dataset: { kind, id: String(row.id), review: row.review?.verdict ?? '' } });
  const send = (verdict) => async (event) => {
    event.stopPropagation();
    for (const button of box.querySelectorAll('button')) button.disabled = true;
    try {
      const review = await postReview(kind, row.id, verdict, note.value.trim());
      row.review = review;
      box.dataset.review = review.verdict;
      status.textContent = verdictText(review);
      status.classList.remove('error');
      done?.(review);
    } catch (error) {
      status.textContent = `not saved: ${error.message}`;
      status.classList.add('error');
    } finally {
      for (const button of box.querySelectorAll('button')) button.disabled = false;
    }
  };
  append(box,
    h('button', { type: 'button', class: 'review-reject', title: 'This record is wrong: leave it out of lists, the timeline and the status table', onclick: send('rejected') }, 'Reject'),
    h('button', { type: 'button', class: 'review-confirm', title: 'This record is right', onclick: send('confirmed') }, 'Confirm'),
    note, status);
  return box;
}

// ---------------------------------------------------------------- timeline

async function showTimeline(_rest, query) {
  const mode = query.get('mode') === 'events' ? 'events' : 'facts';
  const filters = listFilters(query);
  if (mode === 'facts') delete filters.include_rejected;
  const recordFilters = { ...listFilters(query) };
  delete recordFilters.include_rejected;
  const [all, eventRows, quoteRows] = await Promise.all([
    mode === 'facts' ? apiAll('/api/timeline', filters).then((items) => items.map(factPoint)) : apiAll('/api/events', filters).then((rows) => rows.map(eventPoint)),
    apiAll('/api/events', { outlet: filters.outlet, lang: filters.lang, since: filters.since, until: filters.until }),
    apiAll('/api/quotes', recordFilters),
  ]);
  const points = all.filter((point) => point.day);
  const undated = all.length - points.length;

  const distinct = (key) => [...new Set(points.map((point) => point[key]))].sort();
  const picked = {
    actor: query.get('actor') ?? '',
    target: query.get('target') ?? '',
    action: query.get('action') ?? '',
  };
  const submit = (event) => event.target.form.requestSubmit();
  const select = (name, label, values) =>
    h('label', {}, label, h('select', { name, onchange: submit },
      h('option', { value: '' }, 'all'),
      values.map((value) => {
        const option = h('option', { value }, value);
        if (value === picked[name]) option.selected = true;
        return option;
      })));
  const modeSelect = h('label', {}, 'Show', h('select', { name: 'mode', onchange: submit },
    h('option', { value: 'facts', selected: mode === 'facts' }, 'facts (linked across sources)'),
    h('option', { value: 'events', selected: mode === 'events' }, 'events (one per report)')));
  const controls = await filterForm('timeline', query, {
    id: 'timeline-controls',
    extra: [modeSelect, select('actor', 'Actor', distinct('actor')), select('target', 'Framework / target', distinct('target')), select('action', 'Action', distinct('action'))],
    keep: ['size'],
    omit: { mode: 'facts' }, // the default mode stays out of the URL
    rejected: mode === 'events',
  });

  const years = [...new Set(points.map((point) => point.day.slice(0, 4)))].sort();
  const zoom = h('div', { class: 'controls', id: 'timeline-zoom' }, h('span', { class: 'meta' }, 'Zoom to'),
    years.map((year) => h('button', { type: 'button', dataset: { year }, onclick: () => {
      controls.elements.since.value = year;
      controls.elements.until.value = year;
      controls.requestSubmit();
    } }, year)));

  const shown = points.filter((point) =>
    (!picked.actor || point.actor === picked.actor) &&
    (!picked.target || point.target === picked.target) &&
    (!picked.action || point.action === picked.action));

  // The axis: the chosen period, else every shown day but a far outlier or two (named below).
  const range = axisRange(shown.map((point) => point.day));
  const bounds = { first: boundDays(filters.since)?.first ?? range.first, last: boundDays(filters.until)?.last ?? range.last };
  const leftOff = shown.filter((point) => point.day < bounds.first || point.day > bounds.last);
  const clippedNote = leftOff.length && !filters.since && !filters.until
    ? h('p', { class: 'meta', id: 'timeline-clipped' },
      `${leftOff.length} item${leftOff.length === 1 ? '' : 's'} far from the rest ${leftOff.length === 1 ? 'is' : 'are'} not drawn, so the axis stays readable: `,
      leftOff.map((point) => `${point.actor} ${point.action} ${point.target} (${point.dateLabel})`).join('; '),
      '. They are in the list below.')
    : null;

  const detail = h('div', { class: 'card detail', id: 'timeline-detail', hidden: true });
  const canvas = h('canvas', { id: 'timeline-chart', 'aria-label': 'Timeline of events' });
  const chartBox = h('div', { class: 'chart-box' }, canvas);
  const actions = [...new Set(shown.map((point) => point.action))].sort();
  const legend = h('div', { class: 'legend' }, actions.map((action) =>
    h('span', {}, swatch(action), action)));

  // Counts per month over the same range: events by action (bars), quotes (line).
  const eventItems = eventRows.filter((row) => !picked.actor || row.actor === picked.actor)
    .filter((row) => !picked.target || row.target === picked.target)
    .filter((row) => !picked.action || row.action === picked.action)
    .map((row) => ({ day: eventPoint(row).day, group: row.action }));
  const quoteItems = quoteRows.map((row) => ({ day: row.provenance.published, group: 'quote' }));
  const counts = bounds.first ? countsChart(eventItems, quoteItems, bounds) : null;

  // The list, a page at a time.
  const size = pageSize(query);
  const ordered = [...shown].sort((a, b) => a.day.localeCompare(b.day));
  const pages = Math.max(1, Math.ceil(ordered.length / size));
  const pageNumber = Math.min(pages, Math.max(1, Number(query.get('page')) || 1));
  const pageHash = (number) => {
    const params = new URLSearchParams(query);
    if (number > 1) params.set('page', String(number)); else params.delete('page');
    return `#/timeline${params.size ? `?${params}` : ''}`;
  };
  const slice = ordered.slice((pageNumber - 1) * size, pageNumber * size);
  const list = h('ul', { class: 'list', id: 'timeline-list', dataset: { page: String(pageNumber), pages: String(pages) } },
    slice.map((point) =>
      h('li', { dataset: { action: point.action, day: point.day } },
        swatch(point.action),
        h('strong', {}, `${point.actor} ${point.action} ${point.target}`),
        ' ', h('span', { class: 'meta' }, point.dateLabel),
        point.sourceCount !== undefined ? h('span', { class: 'pill' }, `${point.sourceCount} source${point.sourceCount === 1 ? '' : 's'}`) : null,
        point.contradictions?.length ? h('span', { class: 'pill warn' }, 'contradicted') : null,
        point.row?.review ? h('span', { class: 'pill warn' }, point.row.review.verdict) : null,
        ' ', h('button', { type: 'button', onclick: () => showPoint(point, detail) }, 'sources'))));
  const pager = pages > 1
    ? h('p', { class: 'pager', id: 'timeline-pager' },
      pageNumber > 1 ? h('a', { href: pageHash(pageNumber - 1), id: 'timeline-prev' }, '← Previous') : null,
      ` items ${(pageNumber - 1) * size + 1}–${(pageNumber - 1) * size + slice.length} of ${ordered.length} `,
      pageNumber < pages ? h('a', { href: pageHash(pageNumber + 1), id: 'timeline-next' }, 'Next →') : null)
    : null;

  const exportParams = { ...filters, actor: picked.actor, target: picked.target, action: picked.action };
  const content = [
    h('h1', {}, mode === 'facts' ? 'Timeline of facts' : 'Timeline of events'),
    h('div', { class: 'card' }, controls, zoom, chartBox, legend, clippedNote,
      h('p', { class: 'meta', id: 'timeline-summary' },
        `${shown.length} of ${points.length} dated ${mode} shown`,
        undated ? `; ${undated} without a date are not drawn` : '',
        '. Click a point for its sources; pick From/To to zoom to a period.'),
      downloads(mode === 'facts' ? 'facts' : 'events', exportParams)),
    counts ? h('div', { class: 'card', id: 'counts-card' }, h('h2', {}, 'Per month: events by action, and quotes'), counts,
      h('div', { class: 'legend' }, actions.map((action) => h('span', {}, swatch(action), action)), h('span', {}, h('span', { class: 'swatch quote-swatch' }), 'quotes (line)'))) : null,
    detail,
    h('h2', {}, 'In order'),
    shown.length ? [list, pager] : h('p', { class: 'muted', id: 'timeline-empty' }, mode === 'facts' && !all.length && !Object.keys(filters).length
      ? 'No linked facts yet: facts are linked when documents are ingested (migtrack ingest FILE…). Switch to events to see what was extracted.'
      : 'Nothing matches these filters.'),
  ];
  onMounted(() => drawTimeline(canvas, shown, bounds, detail));
  return content;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element; text through text nodes only. */
function svg(tag, attrs = {}, ...children) {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== null && value !== undefined) element.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** Bars of events per month stacked by action, and a line of quotes per month, from
 * `bounds.first` to `bounds.last` (plain SVG). */
function countsChart(eventItems, quoteItems, bounds) {
  const events = countsByMonth(eventItems, bounds.first, bounds.last);
  const quotes = countsByMonth(quoteItems, bounds.first, bounds.last);
  const months = events.months;
  const width = 1180;
  const height = 230;
  const left = 40;
  const right = 40;
  const top = 12;
  const bottom = 30;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const step = plotWidth / Math.max(1, months.length);
  const eventTotal = (month) => [...events.counts.get(month).values()].reduce((a, b) => a + b, 0);
  const quoteCount = (month) => quotes.counts.get(month).get('quote') ?? 0;
  const maxEvents = Math.max(1, ...months.map(eventTotal));
  const maxQuotes = Math.max(1, ...months.map(quoteCount));
  const bars = [];
  months.forEach((month, index) => {
    let base = top + plotHeight;
    for (const action of events.groups) {
      const count = events.counts.get(month).get(action) ?? 0;
      if (!count) continue;
      const barHeight = (count / maxEvents) * plotHeight;
      base -= barHeight;
      bars.push(svg('rect', { x: (left + index * step + step * 0.1).toFixed(1), y: base.toFixed(1), width: Math.max(1, step * 0.8).toFixed(1), height: barHeight.toFixed(1), fill: colourOf(action), class: 'bar', 'data-month': month, 'data-action': action, 'data-count': count },
        svg('title', {}, `${month}: ${count} ${action}`)));
    }
  });
  const points = months.map((month, index) => `${(left + (index + 0.5) * step).toFixed(1)},${(top + plotHeight - (quoteCount(month) / maxQuotes) * plotHeight).toFixed(1)}`);
  const line = svg('polyline', { id: 'quote-line', points: points.join(' '), fill: 'none', stroke: '#1d2430', 'stroke-width': 1.5 });
  // Year ticks: every January, thinned so labels never overlap.
  const januaries = months.map((month, index) => [month, index]).filter(([month]) => month.endsWith('-01') || month === months[0]);
  const every = Math.max(1, Math.ceil(januaries.length / 16));
  const ticks = januaries.filter((_, index) => index % every === 0).map(([month, index]) =>
    svg('text', { x: (left + index * step).toFixed(1), y: height - 10, 'font-size': 11, fill: '#687385' }, month.slice(0, 4)));
  const axis = [
    svg('line', { x1: left, y1: top + plotHeight, x2: width - right, y2: top + plotHeight, stroke: '#d9dee7' }),
    svg('text', { x: 2, y: top + 10, 'font-size': 11, fill: '#687385' }, `${maxEvents} ev.`),
    svg('text', { x: width - right + 2, y: top + 10, 'font-size': 11, fill: '#687385' }, `${maxQuotes} q.`),
  ];
  return svg('svg', {
    id: 'counts-chart', viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': 'Events per month by action, and quotes per month',
    'data-events': events.total, 'data-quotes': quotes.total, 'data-months': months.length,
    'data-first': months[0] ?? '', 'data-last': months.at(-1) ?? '',
  }, axis, bars, line, ticks);
}

function swatch(action) {
  const dot = h('span', { class: 'swatch' });
  dot.style.backgroundColor = colourOf(action); // CSSOM, allowed by the CSP
  return dot;
}

function factPoint(item) {
  return {
    kind: 'fact', id: item.fact_id, day: item.day, actor: item.actor, action: item.action,
    target: item.target, modality: item.modality, sourceCount: item.source_count,
    contradictions: item.contradictions, outlets: item.outlets,
    dateLabel: item.date ? periodLabel(item.date) : item.day ? `reported ${item.day}` : 'undated',
  };
}

function eventPoint(row) {
  const day = dayOf(row.date) ?? row.provenance.published ?? null;
  return {
    kind: 'event', id: row.id, day, actor: row.actor, action: row.action, target: row.target,
    modality: row.modality, row,
    dateLabel: row.date ? periodLabel(row.date) : day ? `reported ${day}` : 'undated',
  };
}

/** The first day of `2018-12-10`, `2018-12`, `2018`, a week, quarter or fiscal year; otherwise null. */
function dayOf(value) {
  if (!value) return null;
  if (periodDays(value)) return periodDays(value).first;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  if (/^\d{4}-\d{2}$/.test(value)) return `${value}-01`;
  if (/^\d{4}$/.test(value)) return `${value}-01-01`;
  return null;
}

function drawTimeline(canvas, allPoints, bounds, detail) {
  if (!window.Chart || !canvas.isConnected) return;
  // Points outside the axis are not drawn (a far outlier is named above the list instead).
  const points = allPoints.filter((point) => !bounds.first || (point.day >= bounds.first && point.day <= bounds.last));
  const actors = [...new Set(points.map((point) => point.actor))].sort();
  // One readable row per actor: the chart grows with the number of actors.
  if (canvas.parentElement) canvas.parentElement.style.height = `${Math.max(320, actors.length * 22 + 90)}px`;
  const byAction = new Map();
  for (const point of points) {
    if (!byAction.has(point.action)) byAction.set(point.action, []);
    byAction.get(point.action).push({ x: point.day, y: point.actor, point });
  }
  const datasets = [...byAction.entries()].sort().map(([action, data]) => ({
    label: action, data, backgroundColor: colourOf(action), borderColor: colourOf(action),
    pointRadius: 7, pointHoverRadius: 10,
  }));
  activeChart = new window.Chart(canvas, {
    type: 'scatter',
    data: { datasets },
    options: {
      maintainAspectRatio: false,
      animation: false,
      scales: {
        x: { type: 'time', time: { tooltipFormat: 'yyyy-MM-dd' }, min: bounds.first || undefined, max: bounds.last || undefined, ticks: { maxTicksLimit: 14 }, title: { display: true, text: 'date' } },
        y: { type: 'category', labels: actors, offset: true, ticks: { autoSkip: false }, title: { display: true, text: 'actor' } },
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: (context) => {
              const point = context.raw.point;
              return `${point.actor} ${point.action} ${point.target} (${point.dateLabel})`;
            },
          },
        },
      },
      onClick: (_event, elements) => {
        const hit = elements[0];
        if (!hit) return;
        const point = datasets[hit.datasetIndex].data[hit.index].point;
        showPoint(point, detail);
      },
    },
  });
  canvas.dataset.points = String(points.length);
  canvas.dataset.axisFirst = bounds.first ?? '';
  canvas.dataset.axisLast = bounds.last ?? '';
}

async function showPoint(point, detail) {
  detail.hidden = false;
  clear(detail);
  append(detail, h('p', { class: 'muted' }, 'Loading sources…'));
  try {
    const events = point.kind === 'fact' ? (await api(`/api/facts/${point.id}`)).events : [point.row];
    clear(detail);
    append(detail,
      h('h2', {}, `${point.actor} ${point.action} ${point.target}`),
      h('p', { class: 'meta' }, point.dateLabel, point.modality && point.modality !== 'asserted' ? ` · ${point.modality}` : '',
        point.sourceCount !== undefined ? ` · ${point.sourceCount} independent source(s)` : ''),
      point.contradictions?.length ? h('p', {}, h('span', { class: 'pill warn' }, 'contradiction'), point.contradictions.join('; ')) : null,
      eventSources(events));
    detail.scrollIntoView({ block: 'nearest' });
  } catch (error) {
    clear(detail);
    append(detail, h('p', { class: 'error' }, error.message));
  }
}

/** The events behind a fact or a cell, each with its sentence, its source and review buttons
 * (a review changes facts, so the view renders again after one). */
function eventSources(events) {
  if (!events.length) return h('p', { class: 'muted' }, 'No stored event found for this fact.');
  return h('ul', { class: 'list sources' }, events.map((row) =>
    h('li', { dataset: { event: String(row.id) } },
      h('p', { class: 'snippet' }, `“${row.sentence_text}”`),
      h('p', { class: 'meta' }, docLink(row.provenance.doc_id, sourceLabel(row.provenance), `event-${row.id}`),
        ` · rule ${row.rule}`),
      reviewControls('event', row, () => setTimeout(render, 600)))));
}

// ---------------------------------------------------------------- status matrix

async function showStatus(_rest, query) {
  const at = query.get('at') ?? new Date().toISOString().slice(0, 10);
  const table = await api('/api/status', { at });
  const cells = new Map(table.items.map((cell) => [`${cell.state}\u0000${cell.framework}`, cell]));
  const detail = h('div', { class: 'card detail', id: 'status-detail', hidden: true });

  const dateForm = h('form', { class: 'controls', id: 'status-form', onsubmit: (event) => {
    event.preventDefault();
    go(`#/status?at=${encodeURIComponent(event.target.elements.at.value)}`);
  } },
  h('label', {}, 'As of', h('input', { type: 'date', name: 'at', value: table.at, required: true })),
  h('button', { type: 'submit' }, 'Show'));

  const matrix = table.items.length
    ? h('table', { class: 'matrix', id: 'status-matrix' },
      h('thead', {}, h('tr', {}, h('th', {}, 'State \\ framework'), table.frameworks.map((framework) => h('th', {}, framework)))),
      h('tbody', {}, table.states.map((state) => h('tr', {},
        h('th', {}, state),
        table.frameworks.map((framework) => {
          const cell = cells.get(`${state}\u0000${framework}`);
          if (!cell) return h('td', { class: 'empty' });
          const open = () => showCell(cell, detail);
          return h('td', {
            class: `cell status-${cell.status}`, tabindex: '0', role: 'button',
            dataset: { fact: String(cell.fact_id), state, framework },
            onclick: open,
            onkeydown: (event) => { if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); open(); } },
          }, cell.status, h('small', {}, cell.date ? periodLabel(cell.date) : 'undated'));
        })))))
    : h('p', { class: 'muted', id: 'status-empty' }, `No status facts on or before ${table.at}.`);

  const legend = h('div', { class: 'legend' }, ['joined', 'endorsed', 'withdrew', 'rejected', 'boycotted'].map((status) =>
    h('span', {}, h('span', { class: `swatch status-${status}` }), status)));
  return [
    h('h1', {}, `Status as of ${table.at}`),
    h('div', { class: 'card' }, dateForm, matrix, legend,
      h('p', { class: 'meta' }, 'Each cell is the latest status fact on or before the date; click it for the sources.')),
    detail,
  ];
}

async function showCell(cell, detail) {
  detail.hidden = false;
  clear(detail);
  append(detail, h('p', { class: 'muted' }, 'Loading sources…'));
  try {
    const fact = await api(`/api/facts/${cell.fact_id}`);
    clear(detail);
    append(detail,
      h('h2', {}, `${cell.state} ${cell.status} ${cell.framework}`),
      h('p', { class: 'meta' }, `date ${cell.date ? periodLabel(cell.date) : 'not given'} · ${fact.source_count} independent source(s) · ${fact.document_count} document(s)`,
        fact.outlets.length ? ` · ${fact.outlets.join(', ')}` : ''),
      fact.contradictions.length ? h('p', {}, h('span', { class: 'pill warn' }, 'contradiction'), fact.contradictions.join('; ')) : null,
      eventSources(fact.events));
    detail.scrollIntoView({ block: 'nearest' });
  } catch (error) {
    clear(detail);
    append(detail, h('p', { class: 'error' }, error.message));
  }
}

// ---------------------------------------------------------------- quotes and claims

async function showRecords(_rest, query) {
  const text = query.get('text') ?? '';
  const speaker = query.get('speaker') ?? '';
  const size = pageSize(query);
  const params = { text, speaker, ...listFilters(query) };
  const form = await filterForm('records', query, {
    id: 'records-form',
    extra: [
      h('label', {}, 'Text contains', h('input', { type: 'search', name: 'text', value: text })),
      h('label', {}, 'Speaker', h('input', { type: 'search', name: 'speaker', value: speaker })),
    ],
    keep: ['size'],
    rejected: true,
  });
  const [quotes, claims] = await Promise.all([
    pagedRecords('quote', '/api/quotes', params, size),
    pagedRecords('claim', '/api/claims', params, size),
  ]);
  const section = (kind, title, paged) => h('section', {},
    h('h2', {}, `${title} (`, paged.count, ')'),
    downloads(`${kind}s`, params),
    paged.list, paged.empty, paged.more);
  return [
    h('h1', {}, 'Quotes and claims'),
    form,
    h('div', { class: 'doc-layout' }, section('quote', 'Quotes', quotes), section('claim', 'Claims', claims)),
  ];
}

function recordItem(row, kind) {
  return h('li', { dataset: { id: String(row.id), review: row.review?.verdict ?? '' } },
    h('span', { class: `kind k-${kind}` }, kind),
    kind === 'claim' ? h('span', { class: `pill evidence-${row.evidence}` }, `evidence: ${row.evidence.replace('_', ' ')}`) : null,
    kind === 'quote' ? h('span', { class: 'pill' }, row.direct ? 'direct' : 'reported') : null,
    h('p', { class: 'snippet' }, kind === 'quote' && row.direct ? `“${row.text}”` : row.text),
    h('p', { class: 'meta' },
      h('strong', {}, row.speaker ?? 'unattributed'), row.role ? `, ${row.role}` : '', ' · ',
      docLink(row.provenance.doc_id, sourceLabel(row.provenance), `${kind}-${row.id}`)),
    reviewControls(kind, row, (review) => {
      const item = document.querySelector(`#${kind}-list > li[data-id="${row.id}"]`);
      if (item) item.dataset.review = review.verdict;
    }));
}

/** A list that pages through the API's cursor: the first page now, the next on "More". */
async function pagedRecords(kind, path, params, size) {
  const list = h('ul', { class: 'list', id: `${kind}-list` });
  const count = h('span', { id: `${kind}-count` }, '0');
  const empty = h('p', { class: 'muted', hidden: true }, `No ${kind}s.`);
  const more = h('button', { type: 'button', class: 'pager', id: `${kind}-more` }, `More ${kind}s`);
  let cursor;
  async function load() {
    const page = await api(path, { ...params, limit: size, cursor });
    append(list, page.items.map((row) => recordItem(row, kind)));
    cursor = page.next ?? undefined;
    more.hidden = cursor === undefined;
    count.textContent = `${list.children.length}${cursor === undefined ? '' : '+'}`;
    empty.hidden = list.children.length > 0;
    list.dataset.complete = String(cursor === undefined);
  }
  more.addEventListener('click', async () => {
    more.disabled = true;
    try {
      await load();
    } catch (error) {
      append(more.parentElement, h('p', { class: 'error' }, error.message));
    } finally {
      more.disabled = false;
    }
  });
  await load();
  return { list, count, empty, more };
}

// ---------------------------------------------------------------- documents

async function showDocuments(_rest, query) {
  const cursor = query.get('cursor') ?? undefined;
  const filters = listFilters(query);
  delete filters.include_rejected;
  const form = await filterForm('documents', query, { id: 'documents-form', keep: ['size'] });
  const page = await api('/api/documents', { ...filters, limit: pageSize(query), cursor });
  const next = new URLSearchParams(query);
  next.set('cursor', String(page.next));
  return [
    h('h1', {}, 'Documents'),
    form,
    h('p', {}, downloads('documents', filters)),
    page.items.length
      ? h('table', { id: 'document-table' },
        h('thead', {}, h('tr', {}, ['Title', 'Outlet', 'Language', 'Published', 'Events', 'Quotes'].map((name) => h('th', {}, name)))),
        h('tbody', {}, page.items.map((doc) => h('tr', {},
          h('td', {}, docLink(doc.id, doc.title ?? doc.label)),
          h('td', {}, doc.outlet ?? ''), h('td', {}, doc.lang ?? ''), h('td', {}, doc.published ?? ''),
          h('td', {}, String(doc.event_count)), h('td', {}, String(doc.quote_count))))))
      : h('p', { class: 'muted', id: 'documents-empty' }, Object.keys(filters).length ? 'No document matches these filters.' : 'No documents yet: ingest some with `migtrack ingest`.'),
    page.next ? h('p', { class: 'pager' }, h('a', { href: `#/documents?${next}`, id: 'documents-next' }, 'Next page →')) : null,
  ];
}

const KIND_ORDER = ['claim', 'quote', 'figure', 'date', 'event']; // outer → inner highlight

function recordsOf(doc) {
  const records = [];
  for (const row of doc.events) {
    records.push({ key: `event-${row.id}`, kind: 'event', start: row.span.start, end: row.span.end,
      label: `${row.actor} ${row.action} ${row.target}${row.date ? ` (${periodLabel(row.date)})` : ''}`, rule: row.rule, modality: row.modality });
  }
  for (const row of doc.quotes) {
    records.push({ key: `quote-${row.id}`, kind: 'quote', start: row.span.start, end: row.span.end,
      label: `${row.speaker ?? 'unattributed'}: ${row.text}`, rule: row.rule });
  }
  for (const row of doc.claims) {
    records.push({ key: `claim-${row.id}`, kind: 'claim', start: row.span.start, end: row.span.end,
      label: `${row.speaker ?? 'unattributed'} (evidence: ${row.evidence}): ${row.text}`, rule: row.rule });
  }
  for (const row of doc.figures) {
    records.push({ key: `figure-${row.id}`, kind: 'figure', start: row.span.start, end: row.span.end,
      label: `${row.text} = ${row.value}${row.unit ? ` ${row.unit}` : ''}${row.counts ? ` ${row.counts}` : ''}`, rule: row.rule });
  }
  for (const row of doc.dates) {
    records.push({ key: `date-${row.id}`, kind: 'date', start: row.span.start, end: row.span.end,
      label: `${row.text} → ${row.value ?? 'unresolved'}`, rule: row.rule });
  }
  return records;
}

async function showDocument(rest, query) {
  const id = rest[0];
  const doc = await api(`/api/documents/${encodeURIComponent(id)}`);
  const records = recordsOf(doc);
  const byKey = new Map(records.map((record) => [record.key, record]));
  const firstMark = new Map();
  const marksOf = new Map();

  const textBox = h('div', { class: 'doc-text card', id: 'doc-text' });
  for (const piece of segments(doc.text, records)) {
    if (!piece.keys.length) {
      textBox.append(document.createTextNode(piece.text));
      continue;
    }
    const kinds = new Set(piece.keys.map((key) => byKey.get(key).kind));
    const innermost = [...KIND_ORDER].reverse().find((kind) => kinds.has(kind));
    const mark = h('mark', { class: `k-${innermost}`, dataset: { records: piece.keys.join(' ') }, title: piece.keys.map((key) => byKey.get(key).label).join('\n') }, piece.text);
    mark.addEventListener('click', () => focusRecords(piece.keys));
    for (const key of piece.keys) {
      if (!firstMark.has(key)) {
        firstMark.set(key, mark);
        mark.id = mark.id || `mark-${key}`;
      }
      if (!marksOf.has(key)) marksOf.set(key, []);
      marksOf.get(key).push(mark);
    }
    textBox.append(mark);
  }

  const items = new Map();
  const recordList = h('ul', { class: 'list', id: 'record-list' }, records
    .filter((record) => firstMark.has(record.key))
    .sort((a, b) => a.start - b.start)
    .map((record) => {
      const item = h('li', { dataset: { key: record.key }, onclick: () => focusRecords([record.key], true) },
        h('span', { class: `kind k-${record.kind}` }, record.kind), record.label,
        h('div', { class: 'meta' }, `rule ${record.rule}`, record.modality && record.modality !== 'asserted' ? ` · ${record.modality}` : ''));
      items.set(record.key, item);
      return item;
    }));

  function focusRecords(keys, scrollText = false) {
    for (const element of document.querySelectorAll('.focus')) element.classList.remove('focus');
    for (const key of keys) {
      for (const mark of marksOf.get(key) ?? []) mark.classList.add('focus');
      items.get(key)?.classList.add('focus');
    }
    const first = keys[0];
    if (scrollText) firstMark.get(first)?.scrollIntoView({ block: 'center' });
    else items.get(first)?.scrollIntoView({ block: 'nearest' });
  }

  const focus = query.get('focus');
  if (focus && firstMark.has(focus)) onMounted(() => focusRecords([focus], true));

  const counts = ['events', 'quotes', 'claims', 'figures', 'dates'].map((kind) => `${doc[kind].length} ${kind}`).join(' · ');
  return [
    h('h1', { id: 'doc-title' }, doc.title ?? doc.label),
    h('p', { class: 'meta' },
      [doc.outlet, doc.published, doc.byline].filter(Boolean).join(' · '),
      doc.url ? [' · ', h('a', { href: doc.url, rel: 'noopener noreferrer nofollow', target: '_blank', id: 'doc-url' }, 'original')] : '',
      ` · ${counts}`),
    h('div', { class: 'legend' }, KIND_ORDER.map((kind) => h('span', { class: `kind k-${kind}` }, kind))),
    h('div', { class: 'doc-layout' }, textBox,
      h('aside', { class: 'records' }, h('h2', {}, 'Records'), records.length ? recordList : h('p', { class: 'muted' }, 'No records.'))),
  ];
}

// ---------------------------------------------------------------- search

/** A hit's snippet with the matched words marked (the API gives their byte spans). */
function markedSnippet(hit) {
  const marks = (hit.highlights ?? []).map((span, index) => ({ key: String(index), start: span.start, end: span.end }));
  return segments(hit.snippet, marks).map((piece) => (piece.keys.length ? h('mark', { class: 'hit' }, piece.text) : piece.text));
}

async function showSearch(_rest, query) {
  const text = query.get('q') ?? '';
  document.getElementById('search-input').value = text;
  if (!text) return h('p', { class: 'muted' }, 'Type words in the search box.');
  const hits = await api('/api/search', { q: text, limit: 100 });
  return [
    h('h1', {}, `Search: ${text}`),
    hits.items.length
      ? h('ul', { class: 'list', id: 'search-results' }, hits.items.map((hit) => h('li', {},
        // Title, outlet and date: never the file the document came from.
        h('strong', {}, docLink(hit.doc_id, hit.title ?? (hit.outlet ? `${hit.outlet} article` : `Document ${hit.doc_id}`))),
        h('span', { class: 'meta hit-meta' }, [hit.outlet, hit.published].filter(Boolean).map((part) => ` · ${part}`).join('')),
        h('p', { class: 'snippet' }, markedSnippet(hit)))))
      : h('p', { class: 'muted', id: 'search-empty' }, 'No document matches.'),
  ];
}

// ---------------------------------------------------------------- start

document.getElementById('search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const text = document.getElementById('search-input').value.trim();
  if (text) go(`#/search?q=${encodeURIComponent(text)}`);
});

// The write token for reviews stays in this tab only (sessionStorage), never in the URL.
const tokenForm = document.getElementById('token-form');
const tokenState = document.getElementById('token-state');
const showTokenState = () => { tokenState.textContent = sessionStorage.getItem(TOKEN_KEY) ? 'token set for this tab' : 'reviewing needs the server’s write token'; };
tokenForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const input = document.getElementById('token-input');
  if (input.value.trim()) sessionStorage.setItem(TOKEN_KEY, input.value.trim());
  else sessionStorage.removeItem(TOKEN_KEY);
  input.value = '';
  showTokenState();
});
showTokenState();

window.addEventListener('hashchange', render);
api('/healthz').then((health) => {
  const counts = health.counts;
  document.getElementById('counts').textContent =
    `${counts.documents} documents · ${counts.events} events · ${counts.facts} facts · ${counts.quotes} quotes · ${counts.claims} claims`;
}).catch(() => {});
render();
