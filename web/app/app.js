import * as echarts from 'echarts';

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

function renderAll() {
  renderCharts();
  renderClassificationCharts();
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', renderAll);
} else {
  renderAll();
}
