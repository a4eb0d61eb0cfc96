/**
 * The HTML report page: a single self-contained file (inline CSS, inline SVG plots, HTML
 * tables), readable offline and printable. No scripts, no external resources.
 *
 * Pure: takes already-rendered SVG text and table rows, returns the page as a string.
 */
import { type TableColumn, formatCell } from './table.js';

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A figure of the report: rendered SVG plus a caption. */
export interface ReportFigure {
  /** Stable id (HTML id of the figure and the SVG file stem), e.g. `bler`. */
  readonly id: string;
  /** Section heading. */
  readonly title: string;
  /** One or two sentences telling the reader what to look for. */
  readonly caption: string;
  /** Standalone SVG text (from `renderSvg`). */
  readonly svg: string;
}

/** A table of the report, rendered from column descriptions. */
export interface ReportTable {
  /** Stable id (HTML id and `data-table` attribute). */
  readonly id: string;
  /** Section heading. */
  readonly title: string;
  /** Paragraph above the table. */
  readonly caption?: string;
  /** Pre-rendered cells (header + rows); build with `htmlTableData`. */
  readonly header: readonly string[];
  /** Body cells, already formatted. */
  readonly rows: readonly (readonly string[])[];
  /** Per column: right-align (numbers). */
  readonly numeric: readonly boolean[];
}

/** Render rows through table columns into the string cells of a `ReportTable`. */
export function htmlTableData<R>(
  id: string,
  title: string,
  rows: readonly R[],
  columns: readonly TableColumn<R>[],
  caption?: string,
): ReportTable {
  const numeric = columns.map((c) => (c.align ? c.align === 'right' : rows.some((r) => typeof c.get(r) === 'number')));
  return {
    id,
    title,
    ...(caption === undefined ? {} : { caption }),
    header: columns.map((c) => c.header),
    rows: rows.map((r) => columns.map((c) => (c.format ? c.format(c.get(r), r) : formatCell(c.get(r))))),
    numeric,
  };
}

/** Everything on the report page. */
export interface ReportPage {
  /** Page title and main heading. */
  readonly title: string;
  /** Lines shown under the title: link context, version, seed... */
  readonly summary: readonly string[];
  /** Plots, in page order. */
  readonly figures: readonly ReportFigure[];
  /** Tables after the plots. */
  readonly tables: readonly ReportTable[];
  /** Free text notes at the end (model limits, sources). */
  readonly notes?: readonly string[];
}

/** Strip the XML prolog of an SVG (if any) so it can be inlined into HTML. */
function inlineSvg(svg: string): string {
  return svg.replace(/^<\?xml[^>]*\?>\s*/, '');
}

const CSS = `
body{font-family:Helvetica,Arial,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#222;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2.2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
.summary{color:#555;margin:.2rem 0 1rem 0;padding:0;list-style:none}
figure{margin:1rem 0 2rem 0}figcaption{color:#555;font-size:.92rem;margin-top:.3rem}
figure svg{max-width:100%;height:auto}
table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0 1.5rem 0}
th,td{border-bottom:1px solid #e3e3e3;padding:.25rem .6rem;text-align:left;white-space:nowrap}
th{background:#f5f5f5}td.n{text-align:right;font-variant-numeric:tabular-nums}
nav a{margin-right:1rem}
`;

/** The whole report as one HTML document. */
export function reportHtml(page: ReportPage): string {
  const e = escapeHtml;
  const nav = [...page.figures.map((f) => [f.id, f.title] as const), ...page.tables.map((t) => [t.id, t.title] as const)]
    .map(([id, title]) => `<a href="#${e(id)}">${e(title)}</a>`)
    .join('');
  const figures = page.figures
    .map(
      (f) =>
        `<section><h2 id="${e(f.id)}">${e(f.title)}</h2>\n<figure class="plot" data-plot="${e(f.id)}">\n${inlineSvg(f.svg)}\n<figcaption>${e(f.caption)}</figcaption>\n</figure></section>`,
    )
    .join('\n');
  const tables = page.tables
    .map((t) => {
      const head = `<tr>${t.header.map((h) => `<th>${e(h)}</th>`).join('')}</tr>`;
      const body = t.rows
        .map((r) => `<tr>${r.map((c, j) => `<td${t.numeric[j] ? ' class="n"' : ''}>${e(c)}</td>`).join('')}</tr>`)
        .join('\n');
      const cap = t.caption === undefined ? '' : `<p>${e(t.caption)}</p>`;
      return `<section><h2 id="${e(t.id)}">${e(t.title)}</h2>${cap}\n<table data-table="${e(t.id)}">\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody></table></section>`;
    })
    .join('\n');
  const notes = page.notes && page.notes.length > 0 ? `<section><h2 id="notes">Notes</h2><ul>${page.notes.map((n) => `<li>${e(n)}</li>`).join('')}</ul></section>` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(page.title)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${e(page.title)}</h1>
<ul class="summary">${page.summary.map((s) => `<li>${e(s)}</li>`).join('')}</ul>
<nav>${nav}</nav>
${figures}
${tables}
${notes}
</body>
</html>
`;
}
