/** report: aligned text tables, RFC 4180 CSV and JSON rows; Vega-Lite plots rendered to SVG; the HTML report page. */
export * from './table.js';
export * from './plots.js';
export * from './html.js';
export * from './data.js';
