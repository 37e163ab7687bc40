'use strict';
// What an elder sees, measured in Chromium: axe-core's rules, and from computed styles the text sizes, the line
// pitch inside paragraphs and the box of every control a finger taps. The numbers are the MIIT 适老化 table (issue 14)
// in CSS px on a 390 px phone screen.
const { AxeBuilder } = require('@axe-core/playwright');

const RULES = {
  normal: { minText: 14, tap: 44 },
  elder: { minText: 18, maxTextMain: 30, tap: 60 },
  lineHeight: 1.3,
};

/** axe rules that must pass whatever impact axe gives them; any other rule fails only when serious or critical. */
const AXE_MUST_PASS = ['color-contrast', 'button-name', 'label'];

/**
 * Elements a rule cannot apply to, skipped by name with the reason. Each entry names the rules it is skipped from;
 * every other rule still measures the element.
 */
const SKIPS = [
  {
    selector: '.skeleton, .skeleton *',
    rules: ['text-size', 'tap-target', 'line-height'],
    why: 'the loading placeholder has no text and no action; a visit waits until it is gone',
  },
  {
    selector: 'taro-input-core input, taro-textarea-core textarea',
    rules: ['tap-target'],
    why: 'the native field inside Taro’s <Input>/<Textarea>; its Taro wrapper is the box a finger taps, and that is measured',
  },
  {
    selector: '.taro__toast, .taro__toast *, .weui-toast, .weui-toast *',
    rules: ['text-size', 'tap-target', 'line-height'],
    why: 'a toast that is still fading out from a previous visit is not part of the page',
  },
];

const skipSelector = (rule) => SKIPS.filter((s) => s.rules.includes(rule)).map((s) => s.selector).join(', ');

/** Runs in the page: text sizes, line pitch, control boxes and enabled-looking buttons. */
function measureInPage({ skipText, skipTap, skipLine }) {
  const describe = (el) => {
    const cls = typeof el.className === 'string' ? el.className.trim().split(/\s+/).filter(Boolean).slice(0, 3).join('.') : '';
    const text = (el.innerText || el.getAttribute('placeholder') || el.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ').slice(0, 24);
    return `${el.tagName.toLowerCase()}${cls ? `.${cls}` : ''}${text ? ` “${text}”` : ''}`;
  };
  const visible = (el) => el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
  const matches = (el, sel) => !!sel && !!el.closest(sel);

  // text: every visible text node, at the size it is drawn
  const texts = [];
  const seen = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const raw = n.textContent.trim();
    if (!raw) continue;
    const el = n.parentElement;
    if (!el || seen.has(el) || ['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'].includes(el.tagName) || !visible(el)) continue;
    seen.add(el);
    // the element's own text (not its children's, which may have other sizes), as laid out
    const rects = [];
    for (const child of el.childNodes) {
      if (child.nodeType !== Node.TEXT_NODE || !child.textContent.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(child);
      rects.push(...[...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0));
    }
    if (!rects.length) continue;
    const style = getComputedStyle(el);
    const size = parseFloat(style.fontSize);
    // lines: the distinct tops of the text's line boxes
    const tops = [];
    for (const r of rects.map((x) => x.top).sort((a, b) => a - b)) if (!tops.length || r - tops[tops.length - 1] > size * 0.5) tops.push(r);
    const pitch = tops.length > 1 ? (tops[tops.length - 1] - tops[0]) / (tops.length - 1) : null;
    texts.push({ el: describe(el), text: raw.slice(0, 30), size, lines: tops.length, ratio: pitch ? pitch / size : null, skipSize: matches(el, skipText), skipLine: matches(el, skipLine) });
  }

  // controls: whatever has a tap handler (React's props, or Taro's own event table, where <View>/<Text> onClick
  // lands on H5), what says it is one (role), Taro's buttons and switches, the H5 tab bar, and form fields
  const controls = new Set();
  const TAP = /^(click|tap|longpress)$/i;
  for (const el of document.querySelectorAll('body *')) {
    const key = Object.keys(el).find((k) => k.startsWith('__reactProps$'));
    const props = key ? el[key] : null;
    if (props && (props.onClick || props.onTap || props.onLongPress)) controls.add(el);
    else if (el.__events && typeof el.__events === 'object' && Object.keys(el.__events).some((k) => TAP.test(k) && el.__events[k]?.length !== 0)) controls.add(el);
    else if (el.matches('[role=button], [role=link], [role=tab], [role=checkbox], [role=radio], [role=switch]')) controls.add(el);
  }
  for (const el of document.querySelectorAll('taro-button-core, button, taro-switch-core, taro-checkbox-core, taro-radio-core, taro-picker-core, taro-input-core, taro-textarea-core, input:not([type=hidden]), textarea, .weui-tabbar__item, a[href]')) controls.add(el);
  const boxes = [];
  for (const el of controls) {
    if (!visible(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const disabled = (el.hasAttribute('disabled') && el.getAttribute('disabled') !== 'false') || el.getAttribute('aria-disabled') === 'true' || /--disabled\b/.test(el.className || '');
    let opacity = 1;
    for (let p = el; p && p.nodeType === 1; p = p.parentElement) opacity *= Number(getComputedStyle(p).opacity);
    const button = el.matches('taro-button-core, button, .btn');
    boxes.push({ el: describe(el), width: Math.round(r.width * 10) / 10, height: Math.round(r.height * 10) / 10, skip: matches(el, skipTap), disabled, button, opacity });
  }
  return { texts, boxes, elder: !!document.querySelector('.page.elder') };
}

/** Measures the page in front of the browser against the table; returns the numbers and the failures (by rule). */
async function measure(page, { elder, main }) {
  const rule = elder ? RULES.elder : RULES.normal;
  const m = await page.evaluate(measureInPage, { skipText: skipSelector('text-size'), skipTap: skipSelector('tap-target'), skipLine: skipSelector('line-height') });
  const failures = [];
  const sized = m.texts.filter((t) => !t.skipSize);
  const smallest = sized.reduce((a, t) => (a && a.size <= t.size ? a : t), null);
  const largest = sized.reduce((a, t) => (a && a.size >= t.size ? a : t), null);
  for (const t of sized) if (t.size < rule.minText - 0.05) failures.push({ rule: 'text-size', detail: `${t.el}: ${t.size.toFixed(1)} px < ${rule.minText} px` });
  if (elder && main && largest && largest.size < rule.maxTextMain - 0.05) failures.push({ rule: 'largest-text', detail: `largest text ${largest.size.toFixed(1)} px (${largest.el}) < ${rule.maxTextMain} px on a main screen` });
  if (elder && !m.elder) failures.push({ rule: 'elder-mode', detail: '大字模式 is on but the page root has no .elder' });
  const paragraphs = m.texts.filter((t) => t.ratio !== null && !t.skipLine);
  for (const t of paragraphs) if (t.ratio < RULES.lineHeight - 0.01) failures.push({ rule: 'line-height', detail: `${t.el}: ${t.lines} lines at ${t.ratio.toFixed(2)} × ${t.size.toFixed(1)} px` });
  const taps = m.boxes.filter((b) => !b.skip);
  for (const b of taps) if (b.width < rule.tap - 0.5 || b.height < rule.tap - 0.5) failures.push({ rule: 'tap-target', detail: `${b.el}: ${b.width}×${b.height} < ${rule.tap}×${rule.tap}` });
  for (const b of taps) if (b.button && !b.disabled && b.opacity < 0.99) failures.push({ rule: 'enabled-looks-disabled', detail: `${b.el}: enabled but drawn at opacity ${b.opacity.toFixed(2)}` });
  const smallestTap = taps.reduce((a, b) => (a && Math.min(a.width, a.height) <= Math.min(b.width, b.height) ? a : b), null);
  const minLine = paragraphs.reduce((a, t) => (a === null || t.ratio < a ? t.ratio : a), null);
  return {
    numbers: {
      smallestText: smallest ? { size: smallest.size, el: smallest.el } : null,
      largestText: largest ? { size: largest.size, el: largest.el } : null,
      paragraphs: paragraphs.length,
      minLineHeight: minLine,
      controls: taps.length,
      smallestControl: smallestTap ? { width: smallestTap.width, height: smallestTap.height, el: smallestTap.el } : null,
    },
    failures,
  };
}

/** axe-core on the page: violations that fail the check, and the rest (moderate/minor) for the gallery. */
async function axe(page) {
  const result = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
  const failing = [];
  const other = [];
  for (const v of result.violations) {
    const entry = { rule: `axe:${v.id}`, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => `${n.target.join(' ')}${n.failureSummary ? ` — ${n.failureSummary.split('\n').slice(1).join(' ').trim().slice(0, 160)}` : ''}`) };
    if (AXE_MUST_PASS.includes(v.id) || v.impact === 'serious' || v.impact === 'critical') failing.push(entry);
    else other.push(entry);
  }
  return { failing, other };
}

module.exports = { RULES, AXE_MUST_PASS, SKIPS, measure, axe };
