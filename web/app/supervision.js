import * as echarts from 'echarts';

// The inspection plan's chart (#supervision-data, DOMAIN.md §10.1): per tier, its share of the
// park's firms against its share of the drawn inspections. Tier names come from data- attributes.

function renderSupervisionChart() {
  const source = document.getElementById('supervision-data');
  const el = document.getElementById('supervision-tier-chart');
  if (!source || !el) return;
  const tiers = JSON.parse(source.textContent || '[]');
  const d = el.dataset;
  const drawn = tiers.reduce((s, t) => s + Number(t.drawn), 0) || 1;
  const name = (t) => d['tier' + t.tier.charAt(0) + t.tier.slice(1).toLowerCase()] || t.tier;
  const chart = echarts.init(el, null, { renderer: 'canvas' });
  chart.setOption({
    title: { text: d.title, left: 0, top: 0, textStyle: { fontSize: 14, fontWeight: 600, color: '#1f2d3d' } },
    tooltip: { trigger: 'axis', valueFormatter: (v) => `${(Number(v) * 100).toFixed(1)}%` },
    legend: { top: 24, left: 0 },
    grid: { left: 8, right: 16, top: 64, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: tiers.map(name), axisLabel: { interval: 0, width: 90, overflow: 'truncate' } },
    yAxis: { type: 'value', axisLabel: { formatter: (v) => `${Math.round(v * 100)}%` } },
    series: [
      { name: d.firms, type: 'bar', barMaxWidth: 28, color: '#9aa6b8', data: tiers.map((t) => Number(t.shareOfFirms)) },
      { name: d.inspections, type: 'bar', barMaxWidth: 28, color: '#1f6feb', data: tiers.map((t) => Number(t.drawn) / drawn) },
    ],
  });
  window.addEventListener('resize', () => chart.resize());
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', renderSupervisionChart);
} else {
  renderSupervisionChart();
}
