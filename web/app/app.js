import * as echarts from 'echarts';
import { escapeHtml } from './escape.js';

// Charts of the enterprise profile. The page embeds the series as JSON (#portrait-data) and the
// translated labels as data- attributes, so nothing is fetched and the language follows the page.

const PALETTE = ['#1f6feb', '#2da44e', '#d4a72c', '#cf222e'];

function yuan(v) {
  if (v === null || v === undefined) return '—';
  const n = Number(v);
  if (Math.abs(n) >= 1e8) return (n / 1e8).toFixed(2) + ' 亿';
  if (Math.abs(n) >= 1e4) return (n / 1e4).toFixed(1) + ' 万';
  return n.toLocaleString();
}

function numbers(list) {
  return (list || []).map((v) => (v === null || v === undefined ? null : Number(v)));
}

function base(title) {
  return {
    color: PALETTE,
    title: { text: title, left: 0, top: 0, textStyle: { fontSize: 14, fontWeight: 600, color: '#1f2d3d' } },
    tooltip: { trigger: 'axis', valueFormatter: yuan },
    legend: { top: 0, right: 0 },
    grid: { left: 8, right: 16, top: 44, bottom: 8, containLabel: true },
    yAxis: { type: 'value', axisLabel: { formatter: yuan }, splitLine: { lineStyle: { color: '#eef1f5' } } },
  };
}

function operationsChart(el, data) {
  const d = el.dataset;
  const chart = echarts.init(el, null, { renderer: 'canvas' });
  chart.setOption({
    ...base(d.title),
    xAxis: { type: 'category', data: (data.years || []).map(String) },
    series: [
      { name: d.revenue, type: 'bar', data: numbers(data.revenue), barMaxWidth: 28 },
      { name: d.netProfit, type: 'bar', data: numbers(data.netProfit), barMaxWidth: 28 },
      { name: d.cashFlow, type: 'line', data: numbers(data.operatingCashFlow), smooth: true },
    ],
    graphic: (data.years || []).length ? [] : [{
      type: 'text', left: 'center', top: 'middle', style: { text: d.empty, fill: '#8a94a6', fontSize: 14 },
    }],
  });
  return chart;
}

function flowsChart(el, data) {
  const d = el.dataset;
  const chart = echarts.init(el, null, { renderer: 'canvas' });
  chart.setOption({
    ...base(d.title),
    color: ['#2da44e', '#cf222e'],
    xAxis: { type: 'category', data: data.months || [], axisLabel: { rotate: 45 } },
    series: [
      { name: d.inflow, type: 'bar', data: numbers(data.inflow), barMaxWidth: 14 },
      { name: d.outflow, type: 'bar', data: numbers(data.outflow), barMaxWidth: 14 },
    ],
  });
  return chart;
}

function renderCharts() {
  const source = document.getElementById('portrait-data');
  if (!source) return;
  const data = JSON.parse(source.textContent || '{}');
  const charts = [];
  const ops = document.getElementById('operations-chart');
  if (ops) charts.push(operationsChart(ops, data));
  const flows = document.getElementById('flows-chart');
  if (flows) charts.push(flowsChart(flows, data));
  window.addEventListener('resize', () => charts.forEach((c) => c.resize()));
}

// Charts of the classification year overview (#classification-data): the four lists of the
// current version, and a Sankey of how firms moved from last year's published lists.

const LIST_COLORS = { RED: '#cf222e', WHITE: '#9aa6b8', YELLOW: '#e3b341', NONE: '#c9d1dc', NEW: '#6b778c', OUT: '#6b778c' };
const LIST_ORDER = ['RED', 'WHITE', 'YELLOW', 'NONE'];

function listLabel(d, list) {
  return { RED: d.red, WHITE: d.white, YELLOW: d.yellow, NONE: d.none }[list] || d.out;
}

function listsChart(el, data) {
  const d = el.dataset;
  const counts = data.counts || {};
  const chart = echarts.init(el, null, { renderer: 'canvas' });
  chart.setOption({
    title: { text: d.title, left: 0, top: 0, textStyle: { fontSize: 14, fontWeight: 600, color: '#1f2d3d' } },
    tooltip: { trigger: 'item' },
    grid: { left: 8, right: 16, top: 44, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: LIST_ORDER.map((l) => listLabel(d, l)) },
    yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#eef1f5' } } },
    series: [{
      type: 'bar', barMaxWidth: 48, label: { show: true, position: 'top' },
      data: LIST_ORDER.map((l) => ({ value: counts[l] || 0, itemStyle: { color: LIST_COLORS[l] } })),
    }],
  });
  return chart;
}

function flowsSankey(el, data) {
  const d = el.dataset;
  const flows = data.flows || [];
  const chart = echarts.init(el, null, { renderer: 'canvas' });
  // a node per list and side; the year in the name keeps "2024 红名单" apart from "2025 红名单"
  const from = (l) => `${data.previousYear} ${listLabel(d, l === 'NEW' ? 'OUT' : l)}`;
  const to = (l) => `${data.year} ${listLabel(d, l)}`;
  const nodes = new Map();
  flows.forEach((f) => {
    nodes.set(from(f.from), { name: from(f.from), itemStyle: { color: LIST_COLORS[f.from] }, depth: 0 });
    nodes.set(to(f.to), { name: to(f.to), itemStyle: { color: LIST_COLORS[f.to] }, depth: 1 });
  });
  chart.setOption({
    title: { text: d.title, left: 0, top: 0, textStyle: { fontSize: 14, fontWeight: 600, color: '#1f2d3d' } },
    tooltip: { trigger: 'item' },
    series: flows.length ? [{
      type: 'sankey', top: 44, bottom: 8, left: 8, right: 96, nodeAlign: 'justify',
      emphasis: { focus: 'adjacency' }, lineStyle: { color: 'gradient', opacity: 0.4 },
      data: [...nodes.values()],
      links: flows.map((f) => ({ source: from(f.from), target: to(f.to), value: Number(f.count) })),
    }] : [],
    graphic: flows.length ? [] : [{
      type: 'text', left: 'center', top: 'middle', style: { text: d.empty, fill: '#8a94a6', fontSize: 14 },
    }],
  });
  return chart;
}

function renderClassificationCharts() {
  const source = document.getElementById('classification-data');
  if (!source) return;
  const data = JSON.parse(source.textContent || '{}');
  const charts = [];
  const lists = document.getElementById('lists-chart');
  if (lists) charts.push(listsChart(lists, data));
  const sankey = document.getElementById('flows-sankey');
  if (sankey) charts.push(flowsSankey(sankey, data));
  window.addEventListener('resize', () => charts.forEach((c) => c.resize()));
}

// Charts of the investment screening: the chain map as a left-to-right graph of segments, the
// weights used and the top prospects' contributions. Data comes embedded as JSON; labels from the page.

const STAGES = ['UPSTREAM', 'MIDSTREAM', 'DOWNSTREAM'];

function gapColor(gap) {
  // green (no gap) → amber → red (big gap)
  const g = Math.max(0, Math.min(1, Number(gap) || 0));
  const from = g < 0.5 ? [45, 164, 78] : [212, 167, 44];
  const to = g < 0.5 ? [212, 167, 44] : [207, 34, 46];
  const t = g < 0.5 ? g * 2 : (g - 0.5) * 2;
  const c = from.map((v, i) => Math.round(v + (to[i] - v) * t));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

function chainGraph(el, chain, labels) {
  const chart = echarts.init(el, null, { renderer: 'canvas' });
  const byStage = STAGES.map((st) => chain.segments.filter((s) => s.stage === st));
  // two invisible corners fix the drawing box in the element's own proportions, so nodes stay round
  // and one segment per stage still sits in the middle
  const height = (960 * Math.max(1, el.clientHeight - 64)) / Math.max(1, el.clientWidth - 48);
  const nodes = [
    { name: '__top', x: 0, y: 0, symbolSize: 0, label: { show: false }, tooltip: { show: false } },
    { name: '__bottom', x: 960, y: height, symbolSize: 0, label: { show: false }, tooltip: { show: false } },
  ];
  byStage.forEach((list, col) => {
    list.forEach((s, i) => {
      const firms = `${s.parkFirms} ${labels.firms} · ${labels.gap} ${Number(s.gap).toFixed(2)}`;
      nodes.push({
        name: s.code, x: 120 + col * 320, y: ((i + 0.5) * height) / list.length,
        symbolSize: 24 + 40 * Number(s.gap),
        itemStyle: { color: gapColor(s.gap), borderColor: '#fff', borderWidth: 2 },
        label: { show: true, position: 'right', color: '#1f2d3d', fontSize: 12, formatter: () => `${s.name}\n${firms}` },
        tooltip: { formatter: () => `${escapeHtml(s.name)} (${escapeHtml(s.code)})<br>${escapeHtml(s.industryCodes.join(', '))}<br>${escapeHtml(firms)}` },
      });
    });
  });
  const links = [];
  for (let col = 0; col + 1 < byStage.length; col++) {
    byStage[col].forEach((a) => byStage[col + 1].forEach((b) => links.push({ source: a.code, target: b.code })));
  }
  const stageNames = [labels.upstream, labels.midstream, labels.downstream];
  chart.setOption({
    tooltip: { trigger: 'item' },
    graphic: stageNames.map((t, col) => ({
      type: 'text', left: `${(col * 100) / 3 + 14}%`, top: 8,
      style: { text: t, fill: '#8a94a6', fontSize: 13, fontWeight: 600 },
    })),
    animation: false,
    series: [{
      type: 'graph', layout: 'none', top: 40, bottom: 24, left: 24, right: 24, roam: false,
      edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 8,
      lineStyle: { color: '#c3cad5', width: 1.5, curveness: 0.1 },
      data: nodes, links,
    }],
  });
  return chart;
}

function renderChainCharts() {
  const source = document.getElementById('chains-data');
  if (!source) return;
  const chains = JSON.parse(source.textContent || '[]');
  const labels = document.getElementById('chain-labels').dataset;
  const charts = [];
  chains.forEach((c) => {
    const el = document.getElementById(`chain-graph-${c.code}`);
    if (el) charts.push(chainGraph(el, c, labels));
  });
  window.addEventListener('resize', () => charts.forEach((c) => c.resize()));
}

function criterionLabels() {
  const labels = {};
  document.querySelectorAll('#criterion-labels li').forEach((li) => { labels[li.dataset.code] = li.textContent; });
  return labels;
}

function titled(text) {
  return { text, left: 0, top: 0, textStyle: { fontSize: 14, fontWeight: 600, color: '#1f2d3d' } };
}

function weightsChart(el, data, labels) {
  const chart = echarts.init(el, null, { renderer: 'canvas' });
  const weights = data.weights || [];
  chart.setOption({
    color: PALETTE,
    title: titled(el.dataset.title),
    tooltip: { trigger: 'axis', valueFormatter: (v) => `${(Number(v) * 100).toFixed(1)}%` },
    grid: { left: 8, right: 16, top: 44, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: weights.map((w) => labels[w.code] || w.code), axisLabel: { interval: 0, rotate: 30 } },
    yAxis: { type: 'value', axisLabel: { formatter: (v) => `${Math.round(v * 100)}%` }, splitLine: { lineStyle: { color: '#eef1f5' } } },
    series: [{ type: 'bar', barMaxWidth: 36, data: weights.map((w) => Number(w.weight)),
      label: { show: true, position: 'top', formatter: (p) => `${(p.value * 100).toFixed(1)}%` } }],
  });
  return chart;
}

const CRITERION_COLORS = ['#1f6feb', '#2da44e', '#d4a72c', '#8250df', '#0a7ea4', '#bf3989', '#fb8500', '#cf222e'];

function contributionsChart(el, data, labels) {
  const chart = echarts.init(el, null, { renderer: 'canvas' });
  const top = (data.top || []).slice().reverse(); // best on top of a horizontal bar chart
  const codes = (data.weights || []).map((w) => w.code);
  chart.setOption({
    color: CRITERION_COLORS,
    title: titled(el.dataset.title),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => Number(v).toFixed(4) },
    legend: { top: 24, left: 0, type: 'scroll' },
    grid: { left: 8, right: 16, top: 64, bottom: 8, containLabel: true },
    xAxis: { type: 'value', splitLine: { lineStyle: { color: '#eef1f5' } } },
    yAxis: { type: 'category', data: top.map((t) => t.name),
      axisLabel: { width: 160, overflow: 'truncate' } },
    series: codes.map((code) => ({
      name: labels[code] || code, type: 'bar', stack: 'total', barMaxWidth: 18,
      data: top.map((t) => {
        const c = (t.contributions || []).find((x) => x.code === code);
        return c ? Number(c.value) : 0;
      }),
    })),
  });
  return chart;
}

function renderScreeningCharts() {
  const source = document.getElementById('screening-data');
  if (!source) return;
  const data = JSON.parse(source.textContent || '{}');
  const labels = criterionLabels();
  const charts = [];
  const weights = document.getElementById('weights-chart');
  if (weights) charts.push(weightsChart(weights, data, labels));
  const contributions = document.getElementById('contributions-chart');
  if (contributions) charts.push(contributionsChart(contributions, data, labels));
  window.addEventListener('resize', () => charts.forEach((c) => c.resize()));
}

function renderAll() {
  renderCharts();
  renderClassificationCharts();
  renderChainCharts();
  renderScreeningCharts();
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', renderAll);
} else {
  renderAll();
}
