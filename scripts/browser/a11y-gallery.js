'use strict';
// test-output/gallery.html: a contact sheet of the 适老化 check, each page × persona with normal next to 大字模式,
// the numbers measured on each and whatever failed.
const fs = require('fs');
const path = require('path');
const { RULES, SKIPS } = require('./a11y-measure');
const { PERSONA_LABELS } = require('./a11y-pages');

const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const px = (n) => (n == null ? '—' : `${Number(n).toFixed(1)} px`);

function cell(v, outDir) {
  if (!v) return '<td class="missing">not visited</td>';
  const n = v.numbers || {};
  const rows = [
    ['最小字号', n.smallestText ? `${px(n.smallestText.size)} <small>${esc(n.smallestText.el)}</small>` : '—'],
    ['最大字号', n.largestText ? `${px(n.largestText.size)} <small>${esc(n.largestText.el)}</small>` : '—'],
    ['段落行高', n.minLineHeight ? `≥ ${n.minLineHeight.toFixed(2)} (${n.paragraphs} 段)` : `— (${n.paragraphs ?? 0} 段多行)`],
    ['最小控件', n.smallestControl ? `${n.smallestControl.width}×${n.smallestControl.height} <small>${esc(n.smallestControl.el)}</small>` : '—'],
    ['控件数', n.controls ?? '—'],
  ];
  const fails = v.failures.map((f) => `<li><b>${esc(f.rule)}</b> ${esc(f.detail)}</li>`).join('');
  const minor = (v.minor || []).map((f) => `<li>${esc(f.rule)} (${esc(f.impact)}): ${esc(f.help)}</li>`).join('');
  const img = v.shot ? `<a href="${esc(path.relative(outDir, v.shot))}"><img loading="lazy" src="${esc(path.relative(outDir, v.shot))}" alt="${esc(v.label)}"></a>` : '';
  return `<td class="${v.failures.length ? 'bad' : 'good'}">${img}
  <table class="nums">${rows.map(([k, val]) => `<tr><th>${k}</th><td>${val}</td></tr>`).join('')}</table>
  ${fails ? `<ul class="fails">${fails}</ul>` : '<p class="ok">✓ 全部通过</p>'}
  ${minor ? `<details><summary>axe 其他提示</summary><ul>${minor}</ul></details>` : ''}</td>`;
}

/** visits: [{ page, persona, mode, label, shot, numbers, failures, minor }] */
function writeGallery(file, visits, { title = '适老化检查', startedAt, seconds } = {}) {
  const outDir = path.dirname(file);
  const groups = new Map();
  for (const v of visits) {
    const key = `${v.page.name}|${v.persona}`;
    if (!groups.has(key)) groups.set(key, { page: v.page, persona: v.persona, normal: null, elder: null });
    groups.get(key)[v.mode] = v;
  }
  const failing = visits.filter((v) => v.failures.length);
  const byRule = {};
  for (const v of visits) for (const f of v.failures) byRule[f.rule] = (byRule[f.rule] || 0) + 1;
  const pages = new Set(visits.map((v) => v.page.name)).size;
  const rows = [...groups.values()]
    .map((g) => `<tr id="${esc(`${g.page.name}-${g.persona}`)}"><th class="page">${esc(g.page.name)}<br><code>${esc(g.page.path)}</code><br>${esc(PERSONA_LABELS[g.persona] || g.persona)}${g.page.main ? '<br><span class="tag">主要页面</span>' : ''}</th>${cell(g.normal, outDir)}${cell(g.elder, outDir)}</tr>`)
    .join('\n');
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title><style>
body{font:15px/1.5 system-ui,sans-serif;margin:16px;color:#1f2329}
table.sheet{border-collapse:collapse;width:100%}
table.sheet>tbody>tr>td,table.sheet>tbody>tr>th,table.sheet>thead>tr>th{border:1px solid #ddd;vertical-align:top;padding:8px}
th.page{width:14em;text-align:left}
td.bad{background:#fff1f0}td.good{background:#f6ffed}td.missing{color:#999}
img{width:260px;max-height:560px;object-fit:cover;object-position:top;border:1px solid #ccc;display:block;margin-bottom:6px}
table.nums th{text-align:left;font-weight:normal;color:#666;padding-right:8px;white-space:nowrap}table.nums small{color:#888}
ul.fails{color:#a8071a;padding-left:18px;margin:6px 0;max-height:16em;overflow:auto}p.ok{color:#237804;margin:6px 0}
.tag{background:#c8102e;color:#fff;border-radius:4px;padding:0 6px;font-size:13px}code{font-size:12px;color:#555}
</style></head><body>
<h1>${esc(title)}</h1>
<p>${pages} 个页面 · ${groups.size} 个“页面 × 身份” · ${visits.length} 次访问（普通 / 大字模式）· ${failing.length} 次访问未通过${startedAt ? ` · ${esc(startedAt)}` : ''}${seconds ? ` · ${seconds} 秒` : ''}</p>
<p>规则：普通模式 字号 ≥ ${RULES.normal.minText} px，控件 ≥ ${RULES.normal.tap}×${RULES.normal.tap}；大字模式 字号 ≥ ${RULES.elder.minText} px，主要页面最大字号 ≥ ${RULES.elder.maxTextMain} px，控件 ≥ ${RULES.elder.tap}×${RULES.elder.tap}；段落行高 ≥ ${RULES.lineHeight}；axe-core：无 serious / critical，color-contrast、button-name、label 必须通过。</p>
<p>未通过（按规则，次数为元素数）：${Object.keys(byRule).length ? Object.entries(byRule).sort((a, b) => b[1] - a[1]).map(([r, n]) => `${esc(r)} ${n}`).join('，') : '无'}</p>
<details><summary>按名字跳过的元素及原因</summary><ul>${SKIPS.map((s) => `<li><code>${esc(s.selector)}</code>（${esc(s.rules.join(', '))}）：${esc(s.why)}</li>`).join('')}</ul></details>
<table class="sheet"><thead><tr><th>页面 / 身份</th><th>普通模式</th><th>大字模式</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>`;
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(file, html);
  return file;
}

module.exports = { writeGallery };
