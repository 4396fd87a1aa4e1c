import * as echarts from 'echarts';

// Charts of the region page (#region-data, DOMAIN.md §10.3): each park's published list counts and
// its grade distribution, side by side. Labels come from the page's data- attributes.

const LIST_COLORS = { RED: '#cf222e', WHITE: '#8c959f', YELLOW: '#d4a72c', NONE: '#1f6feb' };
const GRADE_COLORS = ['#1a7f37', '#2da44e', '#57ab5a', '#d4a72c', '#cf222e'];

function titled(text) {
  return { text, left: 0, top: 0, textStyle: { fontSize: 14, fontWeight: 600, color: '#1f2d3d' } };
}

function grouped(el, parks, keys, names, colors, pick) {
  const chart = echarts.init(el, null, { renderer: 'canvas' });
  chart.setOption({
    title: titled(el.dataset.title),
    tooltip: { trigger: 'axis' },
    legend: { top: 0, right: 0 },
    grid: { left: 8, right: 16, top: 44, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: parks.map((p) => p.name) },
    yAxis: { type: 'value', minInterval: 1 },
    series: keys.map((k, i) => ({
      name: names[i], type: 'bar', barMaxWidth: 28, color: colors[i], data: parks.map((p) => Number(pick(p)[k] || 0)),
    })),
  });
  return chart;
}

function renderRegionCharts() {
  const source = document.getElementById('region-data');
  if (!source) return;
  const parks = JSON.parse(source.textContent || '[]');
  const charts = [];
  const lists = document.getElementById('region-list-chart');
  if (lists) {
    const d = lists.dataset;
    const keys = ['RED', 'WHITE', 'YELLOW', 'NONE'];
    charts.push(grouped(lists, parks, keys, [d.red, d.white, d.yellow, d.none], keys.map((k) => LIST_COLORS[k]),
      (p) => p.lists || {}));
  }
  const grades = document.getElementById('region-grade-chart');
  if (grades) {
    const keys = ['AAA', 'AA', 'A', 'B', 'C'];
    charts.push(grouped(grades, parks, keys, keys, GRADE_COLORS, (p) => p.grades || {}));
  }
  window.addEventListener('resize', () => charts.forEach((c) => c.resize()));
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', renderRegionCharts);
} else {
  renderRegionCharts();
}
