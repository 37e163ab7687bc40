#!/usr/bin/env node
'use strict';
/*
 * No .scss under client/ sets a font size to a number: every size comes from the variables of
 * client/styles/tokens.scss, so 大字模式 and WeChat's font setting reach it (issue 14, the MIIT 适老化 rules).
 * Refused: `font-size: 28px` (px, rpx, rem, em, pt, vw, vh, %), the same inside the `font:` shorthand, and a bare
 * number. Allowed: var(--font-*), inherit and friends, and calc() of variables with unitless factors.
 * Custom properties (`--font-base: calc(30px * …)`) are where the numbers belong and are not checked.
 * Exits 1 naming file:line for each refusal. Pure text: fast, no build.
 */
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const CLIENT = path.join(ROOT, 'client');
const NUMBER_WITH_UNIT = /(^|[^\w-])\d*\.?\d+(px|rpx|rem|em|pt|vw|vh|vmin|vmax|%)(?![\w-])/i;
const BARE_NUMBER = /^\s*\d*\.?\d+\s*(!important)?\s*$/;

function walk(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full));
    else if (entry.name.endsWith('.scss')) out.push(full);
  }
  return out;
}

/** Blank out comments, keeping line breaks so line numbers stay right. */
function stripComments(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:"'])\/\/[^\n]*/g, (m, lead) => lead + ' '.repeat(m.length - lead.length));
}

/** Remove var(...) calls (nested parentheses included): what they name is a variable, whatever its fallback. */
function withoutVars(value) {
  let out = value;
  for (;;) {
    const i = out.search(/var\(/i);
    if (i < 0) return out;
    let depth = 0;
    let j = i + 3;
    for (; j < out.length; j++) {
      if (out[j] === '(') depth++;
      else if (out[j] === ')' && --depth === 0) break;
    }
    out = out.slice(0, i) + 'VAR' + out.slice(j + 1);
  }
}

/** The refusals of one file's text: [{ line, text }]. */
function check(text) {
  const refusals = [];
  const clean = stripComments(text);
  const decl = /(^|[;{\s])(font-size|font)\s*:\s*([^;{}]+)/gi;
  let m;
  while ((m = decl.exec(clean))) {
    const [, , prop, raw] = m;
    const value = withoutVars(raw);
    const bad = NUMBER_WITH_UNIT.test(value) || (prop.toLowerCase() === 'font-size' && BARE_NUMBER.test(value));
    if (bad) {
      const line = clean.slice(0, m.index + m[1].length).split('\n').length;
      refusals.push({ line, text: `${prop}: ${raw.trim()}` });
    }
  }
  return refusals;
}

function main() {
  const files = walk(CLIENT);
  let count = 0;
  for (const file of files) {
    for (const r of check(fs.readFileSync(file, 'utf8'))) {
      count++;
      console.error(`${path.relative(ROOT, file)}:${r.line}  ${r.text}  — use a variable of client/styles/tokens.scss`);
    }
  }
  if (count) {
    console.error(`\n${count} fixed font size(s) in client/**/*.scss. 大字模式 and WeChat's font setting cannot reach them.`);
    process.exit(1);
  }
  console.log(`check-styles: ${files.length} .scss files under client/, no fixed font size.`);
}

if (require.main === module) main();
module.exports = { check };
