// The one HTML encoder of the charts. ECharts sets tooltip text as innerHTML, so every value that
// comes from data (a segment's name or code, a firm's or institution's name) passes through here
// before it reaches a tooltip or an HTML formatter; labels drawn on the canvas need no encoding.

const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value) {
  if (value === null || value === undefined) return '';
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}
