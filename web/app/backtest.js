import * as echarts from 'echarts';

// Charts of the back-test page (#backtest-data, DOMAIN.md §10.4): the bad rate of each grade, the
// ROC curve of the score and the KS curve (cumulative shares of bad and good firms by score).
// Labels come from the page's data- attributes, so the language follows the page.

function titled(text) {
  return { text, left: 0, top: 0, textStyle: { fontSize: 14, fontWeight: 600, color: '#1f2d3d' } };
}

function badRateChart(el, data) {
  const grades = data.grades || [];
  const chart = echarts.init(el, null, { renderer: 'canvas' });
  chart.setOption({
    title: titled(el.dataset.title),
    tooltip: { trigger: 'axis', valueFormatter: (v) => `${(Number(v) * 100).toFixed(1)}%` },
    grid: { left: 8, right: 16, top: 44, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: grades.map((g) => g.grade) },
    yAxis: { type: 'value', axisLabel: { formatter: (v) => `${Math.round(v * 100)}%` } },
    series: [{ type: 'bar', barMaxWidth: 40, itemStyle: { color: '#cf222e' },
      data: grades.map((g) => Number(g.badRate)),
      label: { show: true, position: 'top', formatter: (p) => `${(p.value * 100).toFixed(1)}%` } }],
  });
  return chart;
}

function rocChart(el, data) {
  const d = el.dataset;
  const chart = echarts.init(el, null, { renderer: 'canvas' });
  chart.setOption({
    title: titled(d.title),
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 44, bottom: 24, containLabel: true },
    xAxis: { type: 'value', min: 0, max: 1, name: d.x, nameLocation: 'middle', nameGap: 24 },
    yAxis: { type: 'value', min: 0, max: 1, name: d.y },
    series: [
      { type: 'line', showSymbol: false, data: data.roc || [], areaStyle: { opacity: 0.15 } },
      { type: 'line', showSymbol: false, data: [[0, 0], [1, 1]], lineStyle: { type: 'dashed', color: '#9aa6b8' } },
    ],
  });
  return chart;
}

function ksChart(el, data) {
  const d = el.dataset;
  const points = data.ks || [];
  const chart = echarts.init(el, null, { renderer: 'canvas' });
  chart.setOption({
    title: titled(d.title),
    tooltip: { trigger: 'axis' },
    legend: { top: 0, right: 0 },
    grid: { left: 8, right: 16, top: 44, bottom: 24, containLabel: true },
    xAxis: { type: 'value', scale: true, name: d.x, nameLocation: 'middle', nameGap: 24 },
    yAxis: { type: 'value', min: 0, max: 1 },
    series: [
      { name: d.bad, type: 'line', step: 'end', showSymbol: false, data: points.map((p) => [p[0], p[1]]), color: '#cf222e' },
      { name: d.good, type: 'line', step: 'end', showSymbol: false, data: points.map((p) => [p[0], p[2]]), color: '#2da44e' },
    ],
  });
  return chart;
}

function renderBacktestCharts() {
  const source = document.getElementById('backtest-data');
  if (!source) return;
  const data = JSON.parse(source.textContent || '{}');
  const charts = [];
  const badRate = document.getElementById('backtest-badrate-chart');
  if (badRate) charts.push(badRateChart(badRate, data));
  const roc = document.getElementById('backtest-roc-chart');
  if (roc) charts.push(rocChart(roc, data));
  const ks = document.getElementById('backtest-ks-chart');
  if (ks) charts.push(ksChart(ks, data));
  window.addEventListener('resize', () => charts.forEach((c) => c.resize()));
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', renderBacktestCharts);
} else {
  renderBacktestCharts();
}
