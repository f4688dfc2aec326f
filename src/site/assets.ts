// The site's own stylesheet and script, written beside its pages: small, no font to fetch (the
// system's own), no library. The script only sorts and filters the index's tables; every page
// reads the same without it. On a narrow screen each table row becomes a card whose cells carry
// their column's name, and the header row stays as a bar of sort buttons.

export const SITE_CSS = `:root{color-scheme:light;--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--head:#f6f8fa;--link:#0a58ca}
*{box-sizing:border-box}
[hidden]{display:none!important}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--fg);background:#fff;overflow-wrap:break-word}
header.top,main{max-width:1280px;margin:0 auto;padding:0 16px}
header.top{padding-top:12px}
h1{font-size:1.6rem;margin:.3em 0}
h2{font-size:1.25rem;margin:1.2em 0 .4em}
a{color:var(--link)}
.muted{color:var(--muted)}
.lede{font-size:1.05rem;margin:.4em 0}
.table-wrap{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;margin:.4em 0 1.2em}
th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
thead th{background:var(--head);white-space:nowrap}
th button{font:inherit;font-weight:600;color:inherit;background:none;border:0;padding:0;cursor:pointer;text-decoration:underline dotted}
th[aria-sort=ascending] button::after{content:" ▲"}
th[aria-sort=descending] button::after{content:" ▼"}
.badge{display:inline-block;padding:0 8px;border-radius:10px;font-size:.85em;font-weight:600;white-space:nowrap}
.badge-unmet{background:#ffe1e0;color:#8c1a14}
.badge-late{background:#fff0c2;color:#5c3b00}
.badge-incomplete,.badge-not-run,.badge-no-selectors{background:#eaeef2;color:#3d444d}
.badge-as-expected{background:#dcf5e3;color:#155724}
.drift{color:#8c1a14;font-weight:600}
.when,.nowrap{white-space:nowrap}
.small{font-size:.85em}
.fu-id{font-weight:600}
ul.plain{list-style:none;margin:0;padding:0}
ul.plain li+li{margin-top:2px}
.filters{display:flex;flex-wrap:wrap;gap:6px 10px;align-items:center;margin:8px 0}
.filters input,.filters select{font:inherit;padding:3px 6px}
.filters input{min-width:16em}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:.6em 0}
.facts dt{font-weight:600}
.facts dd{margin:0}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:12px}
.chart{margin:0}
.chart img{display:block;max-width:100%;height:auto}
.chart figcaption{font-size:.85em;color:var(--muted)}
.brief{border-top:3px solid var(--line);margin-top:1.5em}
.brief pre{background:var(--head);padding:8px;overflow-x:auto}
.brief code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em;overflow-wrap:anywhere}
.unlinked{text-decoration:underline dotted}
@media (max-width:720px){
table.cards,table.cards tbody,table.cards tr,table.cards td{display:block;width:100%}
table.cards thead tr{display:flex;flex-wrap:wrap;gap:4px}
table.cards thead th{border:0;padding:2px 6px;border-radius:4px}
table.cards tbody tr{border:1px solid var(--line);border-radius:6px;margin:8px 0;padding:4px 0}
table.cards td{border:0;padding:2px 10px;display:grid;grid-template-columns:8.5em 1fr;gap:8px}
table.cards td::before{content:attr(data-label);font-weight:600;color:var(--muted)}
.filters input{min-width:0;flex:1 1 8em}
.filters select{max-width:100%}
}
`;

/** The site's icon: declared, so a browser asks for no /favicon.ico outside the site's folder. */
export const SITE_ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#155724"/><path d="M4 8.5l2.5 2.5L12 5" stroke="#fff" stroke-width="2" fill="none"/></svg>
`;

export const SITE_JS = `// Sorting and filtering of the index's tables (handoff site). Without this script the pages read the same.
'use strict';
(() => {
  const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
  const valueOf = (row, col) => (row.cells[col] ? row.cells[col].dataset.sort ?? row.cells[col].textContent.trim() : '');
  const compare = (a, b) => (a !== '' && b !== '' && !Number.isNaN(Number(a)) && !Number.isNaN(Number(b)) ? Number(a) - Number(b) : collator.compare(a, b));
  for (const table of document.querySelectorAll('table.sortable')) {
    const heads = [...table.tHead.rows[0].cells];
    heads.forEach((th, col) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = th.textContent;
      th.replaceChildren(button);
      button.addEventListener('click', () => {
        const ascending = th.getAttribute('aria-sort') !== 'ascending';
        for (const h of heads) h.removeAttribute('aria-sort');
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        const body = table.tBodies[0];
        const rows = [...body.rows].sort((a, b) => compare(valueOf(a, col), valueOf(b, col)) * (ascending ? 1 : -1) || a.dataset.index - b.dataset.index);
        body.append(...rows);
      });
    });
  }
  const form = document.getElementById('filters');
  if (!form) return;
  const text = document.getElementById('filter-text');
  const show = document.getElementById('filter-show');
  const count = document.getElementById('filter-count');
  const apply = () => {
    const words = text.value.toLowerCase().split(/\\s+/).filter(Boolean);
    let shown = 0;
    let total = 0;
    for (const row of document.querySelectorAll('table.filterable tbody tr')) {
      const content = row.textContent.toLowerCase();
      const visible = words.every((w) => content.includes(w)) && (show.value !== 'attention' || row.dataset.attention === '1');
      row.hidden = !visible;
      total += 1;
      if (visible) shown += 1;
    }
    count.textContent = shown === total ? '' : shown + ' of ' + total + ' rows shown';
  };
  form.addEventListener('submit', (event) => event.preventDefault());
  text.addEventListener('input', apply);
  show.addEventListener('change', apply);
  form.hidden = false;
})();
`;
