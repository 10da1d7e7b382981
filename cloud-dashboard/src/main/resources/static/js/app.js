/* Plantstream dashboard: one page, views by URL hash, live updates by server-sent events.
   Every piece of plant data goes into the page as text (h() builds elements), never as markup. */
'use strict';

const USER = document.body.dataset.user;
const ROLE = document.body.dataset.role;
const CAN_COMMAND = ROLE === 'PLANNER' || ROLE === 'ADMIN';
const CSRF = {
  header: document.querySelector('meta[name="_csrf_header"]').content,
  token: document.querySelector('meta[name="_csrf"]').content,
};
const view = document.getElementById('view');
const state = { sites: [], jobs: new Map(), route: null, charts: [] };

/* ---------- small helpers ---------- */

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/* Reads belong to the page that asked: leaving it cancels them, so a slow answer never paints over the next page.
   Changes (with a body) are never cancelled. */
async function api(path, options = {}) {
  const signal = options.body === undefined && state.navigation ? state.navigation.signal : undefined;
  const init = { headers: { 'Accept': 'application/json' }, credentials: 'same-origin', signal, ...options };
  if (options.body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.headers[CSRF.header] = CSRF.token;
    init.body = JSON.stringify(options.body);
  }
  const response = await fetch(path, init);
  if (response.status === 401) {
    window.location.href = '/login';
    throw new Error('logged out');
  }
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new Error((data && data.error) || response.status + ' ' + response.statusText);
  }
  return data;
}

function toast(message, error) {
  const el = document.getElementById('toast');
  el.textContent = message;
  el.className = 'show' + (error ? ' error' : '');
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { el.className = ''; }, error ? 6000 : 3000);
}

const pct = v => (v === null || v === undefined) ? '–' : (v * 100).toFixed(1) + ' %';
const oeeBand = v => v === null || v === undefined ? '' : v < 0.65 ? 'oee-red' : v < 0.85 ? 'oee-yellow' : 'oee-green';
const time = t => t ? new Date(t).toLocaleString() : '–';
const clock = t => t ? new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : '–';

function since(t) {
  if (!t) return '';
  const s = Math.max(0, (Date.now() - new Date(t).getTime()) / 1000);
  if (s < 60) return Math.floor(s) + ' s';
  if (s < 3600) return Math.floor(s / 60) + ' min';
  if (s < 86400) return Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min';
  return Math.floor(s / 86400) + ' d';
}

function requestId() {
  return (window.crypto && crypto.randomUUID) ? crypto.randomUUID()
    : 'r' + Date.now().toString(36) + Math.random().toString(36).slice(2, 12);
}

/* Chart tooltips are HTML: everything in them is escaped (loss names and reasons come from the machines). */
function escapeHtml(text) {
  return echarts.format.encodeHTML(String(text));
}

function axisTooltip(units) {
  return params => escapeHtml(params[0].axisValueLabel) + params.map(p => '<br>' + p.marker + escapeHtml(p.seriesName + ': '
    + (p.value === null || p.value === undefined ? '–' : p.value + ' ' + (units[p.seriesIndex] || '')))).join('');
}

function disposeCharts() {
  state.charts.forEach(c => c.dispose());
  state.charts = [];
}

function chart(el) {
  const c = echarts.init(el);
  state.charts.push(c);
  return c;
}

window.addEventListener('resize', () => state.charts.forEach(c => c.resize()));

/* ---------- routing ---------- */

const routes = [
  [/^#?\/?$/, () => overviewPage()],
  [/^#\/machine\/([^/]+)\/([^/]+)$/, (site, id) => machinePage(decodeURIComponent(site), decodeURIComponent(id))],
  [/^#\/jobs$/, () => jobsPage()],
  [/^#\/alerts$/, () => alertsPage()],
  [/^#\/users$/, () => usersPage()],
];

function route() {
  if (state.navigation) state.navigation.abort();
  state.navigation = new AbortController();
  disposeCharts();
  const hash = window.location.hash || '#/';
  for (const [pattern, page] of routes) {
    const match = hash.match(pattern);
    if (match) {
      state.route = hash;
      document.querySelectorAll('#nav a').forEach(a => a.classList.toggle('active', a.getAttribute('href') === hash
        || (hash.startsWith('#/machine') && a.dataset.view === 'overview')));
      page(...match.slice(1)).catch(e => { if (e.name !== 'AbortError') showError(e); });
      return;
    }
  }
  view.replaceChildren(h('p', {}, 'No such page.'));
}

/* Replaces the view's content; null and false parts are left out, lists are spread. */
function show(...parts) {
  view.replaceChildren(...parts.flat().filter(p => p !== null && p !== undefined && p !== false));
}

function showError(e) {
  view.replaceChildren(h('div', { class: 'banner error' }, 'Could not load this page: ' + e.message));
}

window.addEventListener('hashchange', route);

/* ---------- overview ---------- */

async function overviewPage() {
  state.sites = await api('/api/overview');
  const sections = state.sites.map(siteSection);
  show(h('h2', {}, 'Overview'), sections.length ? sections : h('p', { class: 'muted' }, 'No site has sent data yet.'));
}

function siteSection(site) {
  const oee = site.oee ? site.oee.oee : null;
  return h('section', { class: 'site', id: 'site-' + site.site },
    h('div', { class: 'site-head' },
      h('h2', {}, site.name),
      h('span', { class: 'site-oee' }, 'OEE ', h('span', { class: 'site-oee-value' }, pct(oee))),
      site.oee ? h('span', { class: 'muted' }, 'A ' + pct(site.oee.availability) + ' · P ' + pct(site.oee.performance)
        + ' · Q ' + pct(site.oee.quality)) : null,
      h('span', { class: 'muted' }, 'last data ' + (site.lastData ? since(site.lastData) + ' ago' : 'never')),
      site.stale ? h('span', { class: 'badge stale' }, 'no data from this site') : null),
    site.lines.map(line => h('div', { class: 'line', id: 'line-' + site.site + '-' + line.id },
      h('h3', {}, line.name,
        line.oee ? h('span', { class: 'line-oee muted' }, ' · OEE ' + pct(line.oee.oee) + ' (A ' + pct(line.oee.availability)
          + ' · P ' + pct(line.oee.performance) + ' · Q ' + pct(line.oee.quality) + ')') : null),
      h('div', { class: 'tiles' }, line.machines.map(tile)))));
}

function tileId(site, machine) {
  return 'tile-' + site + '-' + machine;
}

function tile(m) {
  const el = h('div', {
      class: 'tile ' + m.state + (m.stale ? ' stale' : ''), id: tileId(m.site, m.machineId), tabindex: '0',
      'data-state': m.state, 'data-stale': String(m.stale), role: 'link',
      onclick: () => { window.location.hash = '#/machine/' + encodeURIComponent(m.site) + '/' + encodeURIComponent(m.machineId); },
      onkeydown: e => { if (e.key === 'Enter') el.click(); } },
    h('div', { class: 'tile-head' }, h('span', {}, m.name), h('span', { class: 'tile-oee ' + oeeBand(m.oee && m.oee.oee) },
      pct(m.oee && m.oee.oee))),
    h('div', { class: 'tile-state' }, m.stale ? 'STALE · last heard ' + (m.lastSeen ? since(m.lastSeen) + ' ago' : 'never')
      : m.state.replace('_', ' ') + (m.since ? ' · ' + since(m.since) : '')),
    m.reasonCode || m.reasonText ? h('small', {}, [m.reasonCode, m.reasonText].filter(Boolean).join(' – ')) : null,
    m.job ? jobLine(m.job) : h('small', {}, 'no job'),
    m.oee ? h('small', {}, 'good ' + m.oee.goodCount + ' · scrap ' + (m.oee.totalCount - m.oee.goodCount)) : null,
    m.alarms.length ? h('small', { class: 'alarms' }, '⚠ ' + m.alarms.join(', ')) : null,
    h('div', {}, m.activeAlerts ? h('span', { class: 'badge alert' }, m.activeAlerts + ' alert' + (m.activeAlerts > 1 ? 's' : '')) : null,
      m.openCalls ? h('span', { class: 'badge call' }, m.openCalls + ' Andon') : null));
  return el;
}

function jobLine(job) {
  const bar = h('span');
  bar.style.width = Math.round(job.progress * 100) + '%';
  return h('div', { class: 'tile-job' },
    h('small', {}, job.orderNo + ' · ' + (job.article || '') + ' · ' + job.good + '/' + job.target),
    h('div', { class: 'progress', title: Math.round(job.progress * 100) + ' %' }, bar));
}

function updateTile(m) {
  for (const site of state.sites) {
    if (site.site !== m.site) continue;
    for (const line of site.lines) {
      const i = line.machines.findIndex(x => x.machineId === m.machineId);
      if (i >= 0) line.machines[i] = m;
    }
  }
  const old = document.getElementById(tileId(m.site, m.machineId));
  if (old) {
    old.replaceWith(tile(m));
  } else if (state.route === '#/') {
    route();
  }
}

/* ---------- machine page ---------- */

async function machinePage(site, id) {
  const days = Number(new URLSearchParams(window.location.search).get('days') || state.days || 14);
  const detail = await api('/api/sites/' + encodeURIComponent(site) + '/machines/' + encodeURIComponent(id) + '?days=' + days);
  const m = detail.tile;
  const daysSelect = h('select', { id: 'days', onchange: e => { state.days = Number(e.target.value); route(); } },
    [1, 7, 14, 30, 60].map(d => h('option', { value: d, selected: d === days }, d === 1 ? 'last day' : 'last ' + d + ' days')));
  const shiftChart = h('div', { class: 'chart', id: 'chart-shifts' });
  const paretoChart = h('div', { class: 'chart', id: 'chart-pareto' });
  const timelineChart = h('div', { class: 'chart small', id: 'chart-timeline' });
  disposeCharts();
  show(
    h('p', {}, h('a', { href: '#/' }, '← Overview')),
    h('h2', {}, m.name + ' (' + m.machineId + ') · ' + site),
    h('div', { class: 'panel figures' },
      figure('State', m.stale ? 'STALE' : m.state, m.since ? 'for ' + since(m.since) : ''),
      figure('OEE this shift', pct(m.oee && m.oee.oee), m.oee ? 'shift ' + (m.oee.shift || '') : 'no live figure'),
      figure('Availability', pct(m.oee && m.oee.availability)),
      figure('Performance', pct(m.oee && m.oee.performance)),
      figure('Quality', pct(m.oee && m.oee.quality)),
      figure('Job', m.job ? m.job.orderNo : '–', m.job ? m.job.good + ' / ' + m.job.target + ' good' : '')),
    m.oee && m.oee.dataProblems.length ? h('div', { class: 'banner' }, 'Data problems: ' + m.oee.dataProblems.join('; ')) : null,
    h('div', { class: 'toolbar' }, daysSelect,
      h('a', { href: '/api/export/oee.csv?site=' + encodeURIComponent(site) + '&days=' + days, download: '' }, 'OEE per shift as CSV')),
    h('div', { class: 'panel' }, h('h3', {}, 'OEE per shift'), shiftChart),
    h('div', { class: 'panel' }, h('h3', {}, 'Losses (Pareto)'), detail.losses.length ? paretoChart : h('p', { class: 'muted' }, 'No losses recorded in this range.')),
    h('div', { class: 'panel' }, h('h3', {}, 'State timeline'), timelineChart),
    h('div', { class: 'panel' }, h('h3', {}, 'Alerts'), alertTable(detail.alerts)));
  drawShifts(chart(shiftChart), detail.shifts);
  if (detail.losses.length) drawPareto(chart(paretoChart), detail.losses);
  drawTimeline(chart(timelineChart), detail.timeline);
  await parameterPanel(site, id);
}

/* ---------- key parameters ---------- */

const RANGES = [['hour', 'last hour'], ['shift', 'this shift'], ['day', 'last day'], ['week', 'last week'], ['month', 'last month']];

async function parameterPanel(site, id) {
  const base = '/api/sites/' + encodeURIComponent(site) + '/machines/' + encodeURIComponent(id) + '/parameters';
  const parameters = await api(base);
  if (!parameters.length) return;
  state.parameter = parameters.some(p => p.name === state.parameter) ? state.parameter : parameters[0].name;
  state.range = state.range || 'shift';
  const select = h('select', { id: 'parameter', onchange: e => { state.parameter = e.target.value; load(); } },
    parameters.map(p => h('option', { value: p.name, selected: p.name === state.parameter },
      p.name + (p.unit ? ' (' + p.unit + ')' : '') + (p.activeAlerts ? ' ⚠ ' + p.activeAlerts : ''))));
  const rangeSelect = h('select', { id: 'parameter-range', onchange: e => { state.range = e.target.value; load(); } },
    RANGES.map(([value, label]) => h('option', { value, selected: value === state.range }, label)));
  const csv = h('a', { id: 'parameter-csv', download: '' }, 'Parameter as CSV');
  const holder = h('div', { class: 'chart', id: 'chart-parameter' });
  const alerts = h('div', { id: 'parameter-alerts' });
  view.append(h('div', { class: 'panel', id: 'parameters' }, h('h3', {}, 'Key parameters'),
    h('div', { class: 'toolbar' }, select, rangeSelect, csv), holder, alerts));
  const c = chart(holder);
  const shown = state.route;
  async function load() {
    const query = '?range=' + encodeURIComponent(state.range);
    csv.href = '/api/export/parameter.csv?site=' + encodeURIComponent(site) + '&machine=' + encodeURIComponent(id)
      + '&parameter=' + encodeURIComponent(state.parameter) + '&range=' + encodeURIComponent(state.range);
    const data = await api(base + '/' + encodeURIComponent(state.parameter) + query);
    if (state.route !== shown) return;
    drawParameter(c, data);
    alerts.replaceChildren(parameterAlerts(data.alerts));
  }
  await load();
  const timer = setInterval(() => {
    if (state.route !== shown || !document.body.contains(holder)) { clearInterval(timer); return; }
    load().catch(() => {});
  }, 60000);
}

function limitLine(name, value, color, type) {
  return value === null || value === undefined ? null
    : { name, yAxis: value, lineStyle: { color, type }, label: { formatter: name + ' ' + value, color } };
}

function drawParameter(c, data) {
  const unit = data.unit || '';
  const at = p => new Date(p.start).getTime();
  const limits = [limitLine('USL', data.specUpper, '#c62828', 'dashed'), limitLine('LSL', data.specLower, '#c62828', 'dashed'),
    limitLine('UCL', data.controlUpper, '#ef6c00', 'dotted'), limitLine('LCL', data.controlLower, '#ef6c00', 'dotted')]
    .filter(Boolean);
  const marks = data.alerts.filter(a => a.active).map(a => ({
    name: a.rule, coord: [new Date(a.at).getTime(), a.values.length ? a.values[a.values.length - 1] : null],
    value: a.rule, itemStyle: { color: a.severity === 'CRITICAL' ? '#c62828' : '#ef6c00' }, message: a.message,
  }));
  const bounds = limits.map(l => l.yAxis).concat(marks.map(m => m.coord[1]).filter(v => v !== null));
  c.setOption({
    animation: false,
    tooltip: { trigger: 'axis', formatter: params => escapeHtml(time(params[0].value[0])) + params
      .filter(p => p.seriesName !== 'min')
      .map(p => '<br>' + p.marker + escapeHtml(p.seriesName + ': ' + (p.seriesName === 'min–max'
        ? p.value[2] + ' – ' + p.value[3] : p.value[1]) + ' ' + unit)).join('') },
    legend: { top: 0, data: ['mean', 'min–max'] },
    grid: { left: 55, right: 70, top: 35, bottom: 40 },
    xAxis: { type: 'time', min: new Date(data.from).getTime(), max: new Date(data.to).getTime() },
    yAxis: { type: 'value', name: unit, scale: true,
      min: v => Math.floor(Math.min(v.min, ...bounds) * 10) / 10, max: v => Math.ceil(Math.max(v.max, ...bounds) * 10) / 10 },
    dataZoom: [{ type: 'inside' }],
    series: [
      { name: 'min', type: 'line', stack: 'band', symbol: 'none', lineStyle: { opacity: 0 }, data: data.points.map(p => [at(p), p.min]) },
      { name: 'min–max', type: 'line', stack: 'band', symbol: 'none', lineStyle: { opacity: 0 }, areaStyle: { color: '#90caf9', opacity: 0.45 },
        data: data.points.map(p => [at(p), +(p.max - p.min).toPrecision(12), p.min, p.max]) },
      { name: 'mean', type: 'line', symbol: data.points.length > 120 ? 'none' : 'circle', symbolSize: 4, color: '#1565c0',
        data: data.points.map(p => [at(p), p.mean]),
        markLine: { symbol: 'none', silent: true, data: limits },
        markPoint: { symbol: 'pin', symbolSize: 38, label: { show: false }, data: marks,
          tooltip: { formatter: p => escapeHtml(p.data.message) } } },
    ],
  }, true);
}

function parameterAlerts(alerts) {
  if (!alerts.length) return h('p', { class: 'muted' }, 'No parameter alerts in this range.');
  return h('div', { class: 'table-wrap' }, h('table', { id: 'parameter-alert-table' },
    h('thead', {}, h('tr', {}, ['Time', 'Rule', 'Severity', 'State', 'Message'].map(t => h('th', {}, t)))),
    h('tbody', {}, alerts.slice().reverse().map(a => h('tr', {},
      h('td', {}, time(a.at)), h('td', {}, a.rule), h('td', { class: 'sev-' + a.severity }, a.severity),
      h('td', {}, a.active ? 'raised' : 'cleared'), h('td', { class: 'wrap' }, a.message))))));
}

function figure(label, value, note) {
  return h('div', { class: 'figure' }, h('span', { class: 'muted' }, label), h('b', {}, value), note ? h('small', { class: 'muted' }, note) : null);
}

function drawShifts(c, shifts) {
  const labels = shifts.map(s => new Date(s.windowStart).toLocaleDateString([], { month: 'short', day: 'numeric' })
    + ' ' + (s.shift || clock(s.windowStart)) + (s.finalResult ? '' : ' (live)'));
  const series = (name, key, type) => ({ name, type: type || 'line', data: shifts.map(s => s[key] === null ? null : +(s[key] * 100).toFixed(2)) });
  c.setOption({
    animation: false,
    tooltip: { trigger: 'axis', formatter: axisTooltip(['%', '%', '%', '%']) },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 45, right: 15, top: 35, bottom: 60 },
    xAxis: { type: 'category', data: labels, axisLabel: { rotate: 30 } },
    yAxis: { type: 'value', min: 0, max: v => Math.max(100, Math.ceil(v.max)), axisLabel: { formatter: '{value} %' } },
    dataZoom: [{ type: 'inside' }],
    series: [series('OEE', 'oee', 'bar'), series('Availability', 'availability'), series('Performance', 'performance'),
      series('Quality', 'quality')],
  });
}

function drawPareto(c, losses) {
  const total = losses.reduce((sum, l) => sum + l.seconds, 0);
  let running = 0;
  const cumulative = losses.map(l => { running += l.seconds; return +(running / total * 100).toFixed(1); });
  c.setOption({
    animation: false,
    tooltip: { trigger: 'axis', formatter: axisTooltip(['min', '%']) },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 55, right: 45, top: 35, bottom: 70 },
    xAxis: { type: 'category', data: losses.map(l => l.name), axisLabel: { rotate: 25, interval: 0 } },
    yAxis: [{ type: 'value', name: 'minutes' }, { type: 'value', name: '%', max: 100, splitLine: { show: false } }],
    series: [
      { name: 'Lost minutes', type: 'bar', data: losses.map(l => +(l.seconds / 60).toFixed(1)) },
      { name: 'Cumulative %', type: 'line', yAxisIndex: 1, data: cumulative },
    ],
  });
}

const STATE_COLORS = { RUNNING: '#2e7d32', IDLE: '#f9a825', SETUP: '#fbc02d', DOWN: '#c62828', PLANNED_STOP: '#1565c0', OFFLINE: '#78849a' };

function drawTimeline(c, spans) {
  const now = Date.now();
  const data = spans.map(s => ({
    value: [0, new Date(s.from).getTime(), s.to ? new Date(s.to).getTime() : now, s.state, s.reason || ''],
    itemStyle: { color: STATE_COLORS[s.state] || '#999' },
  }));
  c.setOption({
    animation: false,
    tooltip: { formatter: p => escapeHtml(p.value[3] + (p.value[4] ? ' (' + p.value[4] + ')' : '')) + '<br>'
      + escapeHtml(time(p.value[1]) + ' – ' + time(p.value[2])) },
    grid: { left: 10, right: 15, top: 10, bottom: 40 },
    xAxis: { type: 'time' },
    yAxis: { type: 'category', data: [''], show: false },
    dataZoom: [{ type: 'inside', filterMode: 'weakFilter' }],
    series: [{
      type: 'custom',
      renderItem: (params, api) => {
        const start = api.coord([api.value(1), 0]);
        const end = api.coord([api.value(2), 0]);
        const height = api.size([0, 1])[1] * 0.6;
        return { type: 'rect', shape: echarts.graphic.clipRectByRect(
          { x: start[0], y: start[1] - height / 2, width: Math.max(1, end[0] - start[0]), height },
          { x: params.coordSys.x, y: params.coordSys.y, width: params.coordSys.width, height: params.coordSys.height }),
          style: api.style() };
      },
      encode: { x: [1, 2], y: 0 },
      data,
    }],
  });
}

/* ---------- jobs ---------- */

async function jobsPage() {
  const params = new URLSearchParams(state.jobFilter || {});
  const jobs = await api('/api/jobs?' + params.toString());
  state.jobs = new Map(jobs.map(j => [j.site + '/' + j.orderNo, j]));
  if (!state.sites.length) state.sites = await api('/api/overview');
  const filter = state.jobFilter || {};
  const siteSelect = h('select', { id: 'filter-site' }, h('option', { value: '' }, 'all sites'),
    state.sites.map(s => h('option', { value: s.site, selected: filter.site === s.site }, s.name)));
  const statusSelect = h('select', { id: 'filter-status' }, h('option', { value: '' }, 'any status'),
    ['QUEUED', 'DISPATCHED', 'RUNNING', 'PAUSED', 'COMPLETED', 'ABORTED'].map(s => h('option', { value: s, selected: filter.status === s }, s)));
  const text = h('input', { id: 'filter-text', placeholder: 'order or article', value: filter.q || '' });
  const apply = () => {
    state.jobFilter = Object.fromEntries(Object.entries({ site: siteSelect.value, status: statusSelect.value, q: text.value }).filter(([, v]) => v));
    route();
  };
  siteSelect.addEventListener('change', apply);
  statusSelect.addEventListener('change', apply);
  text.addEventListener('change', apply);
  const exportLink = h('a', { href: '/api/export/jobs.csv' + (filter.site ? '?site=' + encodeURIComponent(filter.site) : ''), download: '' }, 'Jobs as CSV');
  show(h('h2', {}, 'Jobs'), h('div', { class: 'toolbar' }, siteSelect, statusSelect, text, exportLink),
    h('div', { class: 'table-wrap' }, h('table', { id: 'jobs' },
      h('thead', {}, h('tr', {}, ['Order', 'Site', 'Article', 'Machine', 'Status', 'Progress', 'Due', 'ETA', 'Last command', 'Answer', CAN_COMMAND ? 'Actions' : null]
        .filter(x => x !== null).map(t => h('th', {}, t)))),
      h('tbody', {}, jobs.map(jobRow)))),
    jobs.length ? null : h('p', { class: 'muted' }, 'No jobs match.'));
}

function jobRowId(job) {
  return 'job-' + job.site + '-' + job.orderNo;
}

function jobRow(job) {
  const bar = h('span');
  bar.style.width = Math.round(job.progress * 100) + '%';
  const last = job.lastCommand;
  return h('tr', { id: jobRowId(job), 'data-status': job.status },
    h('td', {}, job.orderNo), h('td', {}, job.site), h('td', {}, job.article || ''), h('td', {}, job.machineId || ''),
    h('td', { class: 'status' }, job.status),
    h('td', {}, h('span', { class: 'bar' }, bar), job.good + ' / ' + job.target),
    h('td', {}, time(job.dueDate)), h('td', {}, time(job.eta)),
    h('td', {}, last ? last.type + (last.issuedBy ? ' by ' + last.issuedBy : '') : ''),
    h('td', { class: 'answer ' + (last ? last.answer : ''), title: last && last.reason ? last.reason : '' },
      last ? last.answer + (last.reason ? ': ' + last.reason : '') : ''),
    CAN_COMMAND ? h('td', { class: 'actions' }, job.allowed.map(type => h('button', {
      type: 'button', class: 'small' + (type === 'ABORT' ? ' danger' : ''), 'data-command': type,
      onclick: e => commandClicked(job, type, e.target) }, type.charAt(0) + type.slice(1).toLowerCase()))) : null);
}

function updateJob(job) {
  state.jobs.set(job.site + '/' + job.orderNo, job);
  const old = document.getElementById(jobRowId(job));
  if (old) old.replaceWith(jobRow(job));
}

function commandClicked(job, type, button) {
  if (type === 'DISPATCH') {
    dispatchDialog(job);
  } else if (type === 'ABORT') {
    confirmDialog('Abort job ' + job.orderNo + '?', 'The machine stops the job; this cannot be undone.', 'Abort job',
      () => sendCommand(job, type, null, requestId(), button));
  } else {
    sendCommand(job, type, null, requestId(), button);
  }
}

function dispatchDialog(job) {
  const site = state.sites.find(s => s.site === job.site);
  const machines = site ? site.lines.flatMap(l => l.machines) : [];
  const select = h('select', { id: 'dispatch-machine' }, machines.map(m => h('option', { value: m.machineId,
    selected: m.machineId === job.machineId }, m.name + ' (' + m.machineId + ') – ' + (m.stale ? 'stale' : m.state))));
  const id = requestId();
  openDialog(h('form', { method: 'dialog', id: 'dispatch-form' },
    h('h2', {}, 'Dispatch job ' + job.orderNo),
    h('p', { class: 'muted' }, (job.article || '') + ', ' + job.target + ' parts' + (job.dueDate ? ', due ' + time(job.dueDate) : '')),
    h('label', { for: 'dispatch-machine' }, 'Machine'), select,
    h('div', { class: 'buttons' },
      h('button', { type: 'button', class: 'small', onclick: closeDialog }, 'Cancel'),
      h('button', { type: 'submit', class: 'primary', id: 'dispatch-confirm', onclick: e => {
        e.preventDefault();
        e.target.disabled = true;
        sendCommand(job, 'DISPATCH', select.value, id, e.target).then(closeDialog);
      } }, 'Dispatch'))));
}

async function sendCommand(job, type, machineId, id, button) {
  if (button) button.disabled = true;
  try {
    const result = await api('/api/sites/' + encodeURIComponent(job.site) + '/jobs/' + encodeURIComponent(job.orderNo) + '/commands',
      { method: 'POST', body: { type, machineId, requestId: id } });
    toast(type + ' for ' + job.orderNo + ' sent; waiting for the machine (' + result.commandId + ')');
  } catch (e) {
    toast(type + ' refused: ' + e.message, true);
    if (button) button.disabled = false;
  }
}

/* ---------- alerts and Andon ---------- */

async function alertsPage() {
  const [alerts, calls] = await Promise.all([api('/api/alerts'), api('/api/andon')]);
  show(h('h2', {}, 'Alerts'), alertTable(alerts, true), h('h2', {}, 'Andon calls'), callTable(calls));
}

function alertTable(alerts, withSite) {
  if (!alerts.length) return h('p', { class: 'muted' }, 'No alerts.');
  return h('div', { class: 'table-wrap' }, h('table', { id: 'alerts' },
    h('thead', {}, h('tr', {}, [withSite ? 'Site' : null, 'Machine', 'Kind', 'Severity', 'State', 'Message', 'Since'].filter(Boolean).map(t => h('th', {}, t)))),
    h('tbody', {}, alerts.map(a => h('tr', { id: 'alert-' + a.site + '-' + a.alertId },
      withSite ? h('td', {}, a.site) : null, h('td', {}, a.machineId), h('td', {}, a.kind),
      h('td', { class: 'sev-' + a.severity }, a.severity), h('td', {}, a.active ? 'active' : 'cleared'),
      h('td', { class: 'wrap' }, a.message), h('td', {}, time(a.time)))))));
}

function callTable(calls) {
  if (!calls.length) return h('p', { class: 'muted' }, 'No Andon calls.');
  return h('div', { class: 'table-wrap' }, h('table', { id: 'andon' },
    h('thead', {}, h('tr', {}, ['Site', 'Machine', 'Reason', 'Status', 'Raised by', 'Raised', 'Waiting', 'Handled by', 'Note'].map(t => h('th', {}, t)))),
    h('tbody', {}, calls.map(c => h('tr', {},
      h('td', {}, c.site), h('td', {}, c.machineId), h('td', {}, c.reason), h('td', {}, c.status), h('td', {}, c.raisedBy),
      h('td', {}, time(c.raisedAt)), h('td', {}, c.status === 'RESOLVED' ? '' : since(c.raisedAt)),
      h('td', {}, c.handledBy || ''), h('td', { class: 'wrap' }, c.note || ''))))));
}

/* ---------- users (admins) ---------- */

async function usersPage() {
  const [accounts, audit] = await Promise.all([api('/api/users'), api('/api/audit?limit=200')]);
  const roles = ['VIEWER', 'PLANNER', 'ADMIN'];
  const name = h('input', { id: 'new-username', placeholder: 'user name', autocomplete: 'off' });
  const role = h('select', { id: 'new-role' }, roles.map(r => h('option', { value: r }, r)));
  const password = h('input', { id: 'new-password', type: 'password', placeholder: 'at least 12 characters', autocomplete: 'new-password' });
  const create = async e => {
    e.preventDefault();
    try {
      await api('/api/users', { method: 'POST', body: { username: name.value.trim(), role: role.value, password: password.value } });
      toast('User ' + name.value + ' created');
      route();
    } catch (err) { toast(err.message, true); }
  };
  show(h('h2', {}, 'Users'),
    h('div', { class: 'panel' }, h('form', { class: 'grid', onsubmit: create },
      h('div', {}, h('label', { for: 'new-username' }, 'User name'), name),
      h('div', {}, h('label', { for: 'new-role' }, 'Role'), role),
      h('div', {}, h('label', { for: 'new-password' }, 'Password'), password),
      h('div', {}, h('button', { type: 'submit', class: 'primary' }, 'Create user')))),
    h('div', { class: 'table-wrap' }, h('table', { id: 'users' },
      h('thead', {}, h('tr', {}, ['User', 'Role', 'Enabled', 'Changed by', 'Changed', ''].map(t => h('th', {}, t)))),
      h('tbody', {}, accounts.map(a => h('tr', {},
        h('td', {}, a.username),
        h('td', {}, h('select', { onchange: e => changeUser(a.username, { role: e.target.value }) },
          roles.map(r => h('option', { value: r, selected: r === a.role }, r)))),
        h('td', {}, h('input', { type: 'checkbox', checked: a.enabled, onchange: e => changeUser(a.username, { enabled: e.target.checked }) })),
        h('td', {}, a.changedBy), h('td', {}, time(a.changedAt)),
        h('td', {}, h('button', { type: 'button', class: 'small', onclick: () => passwordDialog(a.username) }, 'Set password'))))))),
    h('h2', {}, 'Audit trail'),
    h('div', { class: 'table-wrap' }, h('table', { id: 'audit' },
      h('thead', {}, h('tr', {}, ['When', 'Who', 'Action', 'Outcome', 'Site', 'Target', 'Detail'].map(t => h('th', {}, t)))),
      h('tbody', {}, audit.map(e => h('tr', {}, h('td', {}, time(e.meta.eventTime)), h('td', {}, e.user), h('td', {}, e.action),
        h('td', {}, e.outcome), h('td', {}, e.site || ''), h('td', {}, e.target || ''), h('td', { class: 'wrap' }, e.detail || '')))))));
}

async function changeUser(username, change) {
  try {
    await api('/api/users/' + encodeURIComponent(username), { method: 'PATCH', body: change });
    toast('User ' + username + ' changed');
  } catch (e) {
    toast(e.message, true);
    route();
  }
}

function passwordDialog(username) {
  const own = username === USER;
  const input = h('input', { type: 'password', id: 'password-new', autocomplete: 'new-password', minlength: '12' });
  openDialog(h('form', { method: 'dialog' },
    h('h2', {}, own ? 'Change your password' : 'Set the password of ' + username),
    h('label', { for: 'password-new' }, 'New password (at least 12 characters)'), input,
    h('div', { class: 'buttons' },
      h('button', { type: 'button', class: 'small', onclick: closeDialog }, 'Cancel'),
      h('button', { type: 'submit', class: 'primary', onclick: async e => {
        e.preventDefault();
        try {
          if (own) await api('/api/me/password', { method: 'POST', body: { password: input.value } });
          else await api('/api/users/' + encodeURIComponent(username), { method: 'PATCH', body: { password: input.value } });
          closeDialog();
          toast('Password changed');
        } catch (err) { toast(err.message, true); }
      } }, 'Save'))));
}

/* ---------- dialogs ---------- */

function openDialog(content) {
  const dialog = document.getElementById('dialog');
  dialog.replaceChildren(content);
  if (!dialog.open) dialog.showModal();
}

function closeDialog() {
  const dialog = document.getElementById('dialog');
  if (dialog.open) dialog.close();
}

function confirmDialog(title, text, label, action) {
  openDialog(h('form', { method: 'dialog' }, h('h2', {}, title), h('p', {}, text),
    h('div', { class: 'buttons' },
      h('button', { type: 'button', class: 'small', onclick: closeDialog }, 'Cancel'),
      h('button', { type: 'submit', class: 'primary', id: 'confirm-button', onclick: e => { e.preventDefault(); closeDialog(); action(); } }, label))));
}

document.getElementById('password-button').addEventListener('click', () => passwordDialog(USER));

/* ---------- live updates ---------- */

function connectLive() {
  const status = document.getElementById('live-status');
  const source = new EventSource('/api/live');
  source.addEventListener('hello', () => {
    status.classList.remove('off');
    status.title = 'Live updates connected';
    // whatever changed before this connection existed (or while it was down) is read afresh
    route();
    document.body.dataset.live = 'connected';
  });
  source.addEventListener('machine', e => updateTile(JSON.parse(e.data)));
  source.addEventListener('job', e => {
    const job = JSON.parse(e.data);
    updateJob(job);
  });
  const refreshAlerts = () => { if (state.route === '#/alerts') route(); };
  source.addEventListener('alert', refreshAlerts);
  source.addEventListener('andon', refreshAlerts);
  source.onerror = () => {
    status.classList.add('off');
    status.title = 'Live updates interrupted; reconnecting';
    document.body.dataset.live = 'interrupted';
  };
}

/* The "since" texts age: redraw the overview's tiles every 30 s from what the page holds. */
setInterval(() => {
  if (state.route === '#/' && !document.hidden) {
    state.sites.forEach(site => site.lines.forEach(line => line.machines.forEach(m => {
      const old = document.getElementById(tileId(m.site, m.machineId));
      if (old) old.replaceWith(tile(m));
    })));
  }
}, 30000);

route();
connectLive();
