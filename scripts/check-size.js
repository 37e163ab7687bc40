#!/usr/bin/env node
/**
 * WeChat's package limits (PRODUCT.md): main package ≤ 2 MB, each subpackage ≤ 2 MB, all together ≤ 30 MB.
 * Measures dist/weapp the way WeChat counts it: a file belongs to the subpackage whose root contains it,
 * everything else is the main package. Exits 1 when a limit is broken. Also reports the H5 first load.
 */
const fs = require('fs')
const path = require('path')

const ROOT = path.resolve(__dirname, '..')
const WEAPP = path.join(ROOT, 'dist', 'weapp')
const H5 = path.join(ROOT, 'dist', 'h5')
const MB = 1024 * 1024
const LIMITS = { main: 2 * MB, sub: 2 * MB, total: 30 * MB }
// Not shipped to phones: DevTools project file, licence banners, source maps.
const NOT_UPLOADED = [/^project\.config\.json$/, /^project\.private\.config\.json$/, /\.LICENSE\.txt$/, /\.map$/]

function walk(dir) {
  const out = []
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) out.push(...walk(full))
    else out.push(full)
  }
  return out
}

const fmt = (bytes) => (bytes >= MB ? `${(bytes / MB).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KiB`)
const pct = (bytes, limit) => `${((bytes / limit) * 100).toFixed(1)}%`

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)))
  return rows.map((r) => r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ')).join('\n')
}

function checkWeapp() {
  const appJsonPath = path.join(WEAPP, 'app.json')
  if (!fs.existsSync(appJsonPath)) {
    console.error(`dist/weapp/app.json not found — build first: npm run build:weapp`)
    return false
  }
  const app = JSON.parse(fs.readFileSync(appJsonPath, 'utf8'))
  const roots = (app.subPackages || app.subpackages || []).map((s) => s.root.replace(/\/?$/, '/'))
  const sizes = { main: 0 }
  for (const r of roots) sizes[r] = 0

  for (const file of walk(WEAPP)) {
    const rel = path.relative(WEAPP, file).split(path.sep).join('/')
    if (NOT_UPLOADED.some((re) => re.test(rel))) continue
    const size = fs.statSync(file).size
    const owner = roots.find((r) => rel.startsWith(r)) || 'main'
    sizes[owner] += size
  }

  const total = Object.values(sizes).reduce((a, b) => a + b, 0)
  const failures = []
  const rows = [['package', 'size', 'limit', 'used', '']]
  const row = (name, bytes, limit) => {
    const ok = bytes <= limit
    if (!ok) failures.push(`${name} is ${fmt(bytes)}, over ${fmt(limit)}`)
    rows.push([name, fmt(bytes), fmt(limit), pct(bytes, limit), ok ? 'ok' : 'OVER'])
  }
  row('main', sizes.main, LIMITS.main)
  for (const r of roots) row(r.replace(/\/$/, ''), sizes[r], LIMITS.sub)
  row('total', total, LIMITS.total)

  measured.weapp = { mainKiB: sizes.main / 1024, totalKiB: total / 1024, subpackagesKiB: Object.fromEntries(roots.map((r) => [r, sizes[r] / 1024])) }
  log('WeChat mini-program packages (dist/weapp)')
  log(table(rows))
  if (failures.length) {
    console.error(`\nPackage size limits broken:\n- ${failures.join('\n- ')}`)
    return false
  }
  return true
}

/** What a browser downloads before the first page paints: the JS and CSS linked from index.html. */
function reportH5() {
  const indexPath = path.join(H5, 'index.html')
  if (!fs.existsSync(indexPath)) {
    log('\n(dist/h5 not built; skipping H5 sizes)')
    return
  }
  const html = fs.readFileSync(indexPath, 'utf8')
  const refs = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => m[1])
  const zlib = require('zlib')
  const rows = [['initial asset', 'size', 'gzip']]
  let js = 0
  let css = 0
  for (const ref of refs) {
    const file = path.join(H5, ref.replace(/^\//, ''))
    if (!fs.existsSync(file)) continue
    const buf = fs.readFileSync(file)
    const gz = zlib.gzipSync(buf).length
    if (ref.endsWith('.js')) js += buf.length
    else css += buf.length
    rows.push([ref, fmt(buf.length), fmt(gz)])
  }
  rows.push(['initial JS total', fmt(js), ''])
  rows.push(['initial CSS total', fmt(css), ''])
  measured.h5 = { initialJsKiB: js / 1024, initialCssKiB: css / 1024 }
  log('\nH5 first load (dist/h5/index.html)')
  log(table(rows))
}

// --json prints only the figures, for the benchmark report.
const asJson = process.argv.includes('--json')
const measured = {}
function log(line) {
  if (!asJson) console.log(line)
}

const ok = checkWeapp()
reportH5()
if (asJson) console.log(JSON.stringify({ mainKiB: measured.weapp?.mainKiB, ...measured }))
process.exit(ok ? 0 : 1)
