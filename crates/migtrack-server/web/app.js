// The migtrack page: timeline, status matrix, quotes and claims, document view and search,
// all read from the JSON API. Every string from the API reaches the page through textContent
// (see dom.js), never as markup.

import { h, clear, append } from './dom.js';
import { segments } from './highlight.js';
import { periodDays, periodLabel } from './periods.js';

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
    if (token === renderToken) showError(error);
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

// ---------------------------------------------------------------- timeline

async function showTimeline(_rest, query) {
  const mode = query.get('mode') === 'events' ? 'events' : 'facts';
  const all = mode === 'facts' ? (await apiAll('/api/timeline')).map(factPoint) : (await apiAll('/api/events')).map(eventPoint);
  const points = all.filter((point) => point.day);
  const undated = all.length - points.length;

  const distinct = (key) => [...new Set(points.map((point) => point[key]))].sort();
  const filters = {
    actor: query.get('actor') ?? '',
    target: query.get('target') ?? '',
    action: query.get('action') ?? '',
    from: query.get('from') ?? '',
    to: query.get('to') ?? '',
  };
  const select = (name, label, values) =>
    h('label', {}, label, h('select', { name, onchange: apply },
      h('option', { value: '' }, 'all'),
      values.map((value) => {
        const option = h('option', { value }, value);
        if (value === filters[name]) option.selected = true;
        return option;
      })));
  const dateInput = (name, label) => h('label', {}, label, h('input', { type: 'date', name, value: filters[name], onchange: apply }));

  const controls = h('form', { class: 'controls', id: 'timeline-controls', onsubmit: (e) => { e.preventDefault(); apply(); } },
    h('label', {}, 'Show', h('select', { name: 'mode', onchange: apply },
      h('option', { value: 'facts', selected: mode === 'facts' }, 'facts (linked across sources)'),
      h('option', { value: 'events', selected: mode === 'events' }, 'events (one per report)'))),
    select('actor', 'Actor', distinct('actor')),
    select('target', 'Framework / target', distinct('target')),
    select('action', 'Action', distinct('action')),
    dateInput('from', 'From'),
    dateInput('to', 'To'),
    h('button', { type: 'button', onclick: () => go('#/timeline' + (mode === 'events' ? '?mode=events' : '')) }, 'Reset'));
  const years = [...new Set(points.map((point) => point.day.slice(0, 4)))].sort();
  const zoom = h('div', { class: 'controls', id: 'timeline-zoom' }, h('span', { class: 'meta' }, 'Zoom to'),
    years.map((year) => h('button', { type: 'button', dataset: { year }, onclick: () => {
      const form = document.getElementById('timeline-controls');
      form.elements.from.value = `${year}-01-01`;
      form.elements.to.value = `${year}-12-31`;
      apply();
    } }, year)));

  function apply() {
    const form = document.getElementById('timeline-controls');
    const params = new URLSearchParams();
    for (const element of form.elements) {
      if (element.name && element.value && !(element.name === 'mode' && element.value === 'facts')) params.set(element.name, element.value);
    }
    go('#/timeline' + (params.size ? `?${params}` : ''));
  }

  const shown = points.filter((point) =>
    (!filters.actor || point.actor === filters.actor) &&
    (!filters.target || point.target === filters.target) &&
    (!filters.action || point.action === filters.action) &&
    (!filters.from || point.day >= filters.from) &&
    (!filters.to || point.day <= filters.to));

  const detail = h('div', { class: 'card detail', id: 'timeline-detail', hidden: true });
  const canvas = h('canvas', { id: 'timeline-chart', 'aria-label': 'Timeline of events' });
  const chartBox = h('div', { class: 'chart-box' }, canvas);
  const actions = [...new Set(shown.map((point) => point.action))].sort();
  const legend = h('div', { class: 'legend' }, actions.map((action) =>
    h('span', {}, swatch(action), action)));

  const list = h('ul', { class: 'list', id: 'timeline-list' },
    [...shown].sort((a, b) => a.day.localeCompare(b.day)).map((point) =>
      h('li', { dataset: { action: point.action } },
        swatch(point.action),
        h('strong', {}, `${point.actor} ${point.action} ${point.target}`),
        ' ', h('span', { class: 'meta' }, point.dateLabel),
        point.sourceCount !== undefined ? h('span', { class: 'pill' }, `${point.sourceCount} source${point.sourceCount === 1 ? '' : 's'}`) : null,
        point.contradictions?.length ? h('span', { class: 'pill warn' }, 'contradicted') : null,
        ' ', h('button', { type: 'button', onclick: () => showPoint(point, detail) }, 'sources'))));

  const content = [
    h('h1', {}, mode === 'facts' ? 'Timeline of facts' : 'Timeline of events'),
    h('div', { class: 'card' }, controls, zoom, chartBox, legend,
      h('p', { class: 'meta', id: 'timeline-summary' },
        `${shown.length} of ${points.length} dated ${mode} shown`,
        undated ? `; ${undated} without a date are not drawn` : '',
        '. Click a point for its sources; pick From/To to zoom to a period.')),
    detail,
    h('h2', {}, 'In order'),
    shown.length ? list : h('p', { class: 'muted', id: 'timeline-empty' }, mode === 'facts' && !all.length
      ? 'No linked facts yet: facts are linked when documents are ingested (migtrack ingest FILE…). Switch to events to see what was extracted.'
      : 'Nothing matches these filters.'),
  ];
  onMounted(() => drawTimeline(canvas, shown, filters, detail));
  return content;
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

function drawTimeline(canvas, points, filters, detail) {
  if (!window.Chart || !canvas.isConnected) return;
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
        x: { type: 'time', time: { tooltipFormat: 'yyyy-MM-dd' }, min: filters.from || undefined, max: filters.to || undefined, ticks: { maxTicksLimit: 14 }, title: { display: true, text: 'date' } },
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

function eventSources(events) {
  if (!events.length) return h('p', { class: 'muted' }, 'No stored event found for this fact.');
  return h('ul', { class: 'list sources' }, events.map((row) =>
    h('li', {},
      h('p', { class: 'snippet' }, `“${row.sentence_text}”`),
      h('p', { class: 'meta' }, docLink(row.provenance.doc_id, sourceLabel(row.provenance), `event-${row.id}`),
        ` · rule ${row.rule}`))));
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
  const [quotes, claims] = await Promise.all([
    api('/api/quotes', { text, speaker, limit: 200 }),
    api('/api/claims', { text, speaker, limit: 200 }),
  ]);
  const form = h('form', { class: 'controls', id: 'records-form', onsubmit: (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const name of ['text', 'speaker']) {
      const value = event.target.elements[name].value.trim();
      if (value) params.set(name, value);
    }
    go('#/records' + (params.size ? `?${params}` : ''));
  } },
  h('label', {}, 'Text contains', h('input', { type: 'search', name: 'text', value: text })),
  h('label', {}, 'Speaker', h('input', { type: 'search', name: 'speaker', value: speaker })),
  h('button', { type: 'submit' }, 'Filter'));

  const recordItem = (row, kind) => h('li', {},
    h('span', { class: `kind k-${kind}` }, kind),
    kind === 'claim' ? h('span', { class: `pill evidence-${row.evidence}` }, `evidence: ${row.evidence.replace('_', ' ')}`) : null,
    kind === 'quote' ? h('span', { class: 'pill' }, row.direct ? 'direct' : 'reported') : null,
    h('p', { class: 'snippet' }, kind === 'quote' && row.direct ? `“${row.text}”` : row.text),
    h('p', { class: 'meta' },
      h('strong', {}, row.speaker ?? 'unattributed'), row.role ? `, ${row.role}` : '', ' · ',
      docLink(row.provenance.doc_id, sourceLabel(row.provenance), `${kind}-${row.id}`)));

  return [
    h('h1', {}, 'Quotes and claims'),
    form,
    h('div', { class: 'doc-layout' },
      h('section', {}, h('h2', {}, `Quotes (${quotes.items.length}${quotes.next ? '+' : ''})`),
        quotes.items.length ? h('ul', { class: 'list', id: 'quote-list' }, quotes.items.map((row) => recordItem(row, 'quote'))) : h('p', { class: 'muted' }, 'No quotes.')),
      h('section', {}, h('h2', {}, `Claims (${claims.items.length}${claims.next ? '+' : ''})`),
        claims.items.length ? h('ul', { class: 'list', id: 'claim-list' }, claims.items.map((row) => recordItem(row, 'claim'))) : h('p', { class: 'muted' }, 'No claims.'))),
  ];
}

// ---------------------------------------------------------------- documents

async function showDocuments(_rest, query) {
  const cursor = query.get('cursor') ?? undefined;
  const page = await api('/api/documents', { limit: 100, cursor });
  return [
    h('h1', {}, 'Documents'),
    page.items.length
      ? h('table', { id: 'document-table' },
        h('thead', {}, h('tr', {}, ['Title', 'Outlet', 'Published', 'Events', 'Quotes'].map((name) => h('th', {}, name)))),
        h('tbody', {}, page.items.map((doc) => h('tr', {},
          h('td', {}, docLink(doc.id, doc.title ?? doc.label)),
          h('td', {}, doc.outlet ?? ''), h('td', {}, doc.published ?? ''),
          h('td', {}, String(doc.event_count)), h('td', {}, String(doc.quote_count))))))
      : h('p', { class: 'muted' }, 'No documents yet: ingest some with `migtrack ingest`.'),
    page.next ? h('p', { class: 'pager' }, h('a', { href: `#/documents?cursor=${page.next}` }, 'Next page →')) : null,
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

async function showSearch(_rest, query) {
  const text = query.get('q') ?? '';
  document.getElementById('search-input').value = text;
  if (!text) return h('p', { class: 'muted' }, 'Type words in the search box.');
  const hits = await api('/api/search', { q: text, limit: 100 });
  return [
    h('h1', {}, `Search: ${text}`),
    hits.items.length
      ? h('ul', { class: 'list', id: 'search-results' }, hits.items.map((hit) => h('li', {},
        h('strong', {}, docLink(hit.doc_id, hit.label)),
        h('span', { class: 'meta' }, hit.published ? ` · ${hit.published}` : ''),
        h('p', { class: 'snippet' }, hit.snippet))))
      : h('p', { class: 'muted', id: 'search-empty' }, 'No document matches.'),
  ];
}

// ---------------------------------------------------------------- start

document.getElementById('search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const text = document.getElementById('search-input').value.trim();
  if (text) go(`#/search?q=${encodeURIComponent(text)}`);
});

window.addEventListener('hashchange', render);
api('/healthz').then((health) => {
  const counts = health.counts;
  document.getElementById('counts').textContent =
    `${counts.documents} documents · ${counts.events} events · ${counts.facts} facts · ${counts.quotes} quotes · ${counts.claims} claims`;
}).catch(() => {});
render();
