import * as echarts from 'echarts';

// Charts of the portfolio page (#portfolio-data, README "Workbench"): the amount held per status,
// and per debtor what is outstanding against its limit. Labels come from the page's data- attributes.

function statusChart(el, data) {
  const rows = data.byStatus || [];
  const chart = echarts.init(el, null, { renderer: 'canvas' });
  chart.setOption({
    title: { text: el.dataset.title, left: 0, top: 0, textStyle: { fontSize: 14, fontWeight: 600 } },
    tooltip: { trigger: 'item' },
    series: [{
      type: 'pie', radius: ['35%', '65%'], top: 24,
      data: rows.map((s) => ({ name: s.label || s.status, value: Number(s.amount) })),
    }],
  });
  return chart;
}

function exposureChart(el, data) {
  const rows = (data.byDebtor || []).slice(0, 10);
  const d = el.dataset;
  const chart = echarts.init(el, null, { renderer: 'canvas' });
  chart.setOption({
    title: { text: d.title, left: 0, top: 0, textStyle: { fontSize: 14, fontWeight: 600 } },
    tooltip: { trigger: 'axis' },
    legend: { top: 0, right: 0, data: [d.outstanding, d.limit] },
    grid: { left: 8, right: 16, top: 44, bottom: 8, containLabel: true },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: rows.map((r) => r.name || r.key) },
    series: [
      { name: d.outstanding, type: 'bar', data: rows.map((r) => Number(r.outstanding)) },
      { name: d.limit, type: 'bar', data: rows.map((r) => (r.limit === null ? null : Number(r.limit))) },
    ],
  });
  return chart;
}

function renderPortfolioCharts() {
  const source = document.getElementById('portfolio-data');
  if (!source) return;
  const data = JSON.parse(source.textContent || '{}');
  // the status names as the page shows them, in the page's language
  document.querySelectorAll('#portfolio-status tr[data-status]').forEach((tr) => {
    const s = (data.byStatus || []).find((x) => x.status === tr.dataset.status);
    if (s) s.label = tr.cells[0].textContent;
  });
  const charts = [];
  const status = document.getElementById('portfolio-status-chart');
  if (status) charts.push(statusChart(status, data));
  const exposure = document.getElementById('portfolio-exposure-chart');
  if (exposure) charts.push(exposureChart(exposure, data));
  window.addEventListener('resize', () => charts.forEach((c) => c.resize()));
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', renderPortfolioCharts);
} else {
  renderPortfolioCharts();
}
