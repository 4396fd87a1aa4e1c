import * as echarts from 'echarts';

// Charts of the financing funnel page (#financing-funnel-data, DOMAIN.md §7): how many requests
// reached each stage, and the hours from posting to disbursement per institution.

function funnelChart(el, data) {
  const chart = echarts.init(el, null, { renderer: 'canvas' });
  chart.setOption({
    tooltip: { trigger: 'item' },
    series: [{
      type: 'funnel', sort: 'none', left: '10%', width: '80%', minSize: '10%',
      label: { show: true, position: 'inside', formatter: '{b}: {c}' },
      data: (data.stages || []).map((s) => ({ name: s.stage, value: s.count })),
    }],
  });
  return chart;
}

function timeToFundChart(el, data) {
  const rows = data.timeToFund || [];
  const chart = echarts.init(el, null, { renderer: 'canvas' });
  chart.setOption({
    tooltip: { trigger: 'axis' },
    legend: { data: ['avg h', 'median h'] },
    grid: { left: 120, right: 20, top: 30, bottom: 30 },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: rows.map((r) => r.name || r.institutionCode) },
    series: [
      { name: 'avg h', type: 'bar', data: rows.map((r) => r.avgHours) },
      { name: 'median h', type: 'bar', data: rows.map((r) => r.medianHours) },
    ],
  });
  return chart;
}

function renderFinancingCharts() {
  const source = document.getElementById('financing-funnel-data');
  if (!source) return;
  const data = JSON.parse(source.textContent || '{}');
  const charts = [];
  const funnel = document.getElementById('financing-funnel-chart');
  if (funnel) charts.push(funnelChart(funnel, data));
  const ttf = document.getElementById('financing-ttf-chart');
  if (ttf) charts.push(timeToFundChart(ttf, data));
  window.addEventListener('resize', () => charts.forEach((c) => c.resize()));
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', renderFinancingCharts);
} else {
  renderFinancingCharts();
}
