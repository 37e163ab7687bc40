/**
 * The chip, button and ActionBar styles reach every page that draws them, in the REAL WeChat output (dist/weapp,
 * built by `npm run build:weapp`). On weapp each page gets only its own .wxss (and what it @imports) plus the global
 * app.wxss: a class styled in another page's stylesheet (once `.chip` in pages/wishes) styles nothing here.
 *
 * Checked for every page of the main package and of each subpackage whose own JavaScript (its index.js and the chunks
 * it requires; for the main package, common.js too) uses the class, and for the pages known to draw the control (a
 * component shared with the main package is compiled into common.js, so a subpackage page names it only by module
 * id): the page's style closure (its .wxss and @imports, plus app.wxss and its @imports) must define it.
 * Pure file reading: fast, no simulator.
 */
const fs = require('fs')
const path = require('path')

const DIST = path.resolve(__dirname, '..', 'dist', 'weapp')

/** Each class a control needs, with a selector its stylesheet must contain (wcc output is minified: `.a{`, `.a.b{`). */
const CONTROLS = [
  // not cs__chip--on: the console's own chips, styled by console.scss
  { name: 'chip', used: /[^_]chip--on/, defines: ['.chip{', '.chip--on{', '.chip--on::before{'] },
  { name: 'ActionBar', used: /action-bar__btn/, defines: ['.action-bar__btn{', '.action-bar__buttons{'] },
  { name: 'button', used: /[^_]btn--primary/, defines: ['.btn{', '.btn.btn--primary', '.btn.btn--busy', '.btn.btn--disabled'] },
]

/** Pages that draw a control (from the source), checked whatever their compiled JavaScript names. */
const MUST_USE = {
  chip: ['pages/wishes/index', 'pages/events/index', 'packages/events/pages/edit/index', 'packages/service/pages/new/index', 'packages/service/pages/board/index'],
  ActionBar: ['packages/service/pages/detail/index', 'packages/events/pages/detail/index', 'packages/wishes/pages/detail/index'],
  button: ['packages/service/pages/new/index', 'packages/service/pages/filed/index', 'packages/events/pages/edit/index', 'pages/mine/index'],
}

const read = (file) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '')

/** A file and everything it pulls in by `pattern` (relative paths), as one text. */
function closure(start, pattern) {
  const seen = new Set()
  const out = []
  const visit = (file) => {
    if (seen.has(file) || !fs.existsSync(file)) return
    seen.add(file)
    const text = read(file)
    out.push(text)
    for (const m of text.matchAll(pattern)) visit(path.resolve(path.dirname(file), m[1]))
  }
  visit(start)
  return out.join('\n')
}

const wxssClosure = (file) => closure(file, /@import\s+["']([^"']+)["']/g)
const jsClosure = (file) => closure(file, /require\(["'](\.[^"']+)["']\)/g)

function pages() {
  const app = JSON.parse(read(path.join(DIST, 'app.json')))
  const main = app.pages.map((p) => ({ page: p, main: true }))
  const subs = (app.subPackages ?? app.subpackages ?? []).flatMap((s) => s.pages.map((p) => ({ page: `${s.root}/${p}`, main: false })))
  return [...main, ...subs]
}

describe('weapp styles of the shared controls', () => {
  let all
  let globalWxss
  let mainCommonJs

  beforeAll(() => {
    if (!fs.existsSync(path.join(DIST, 'app.json'))) throw new Error('dist/weapp not built: npm run build:weapp')
    all = pages()
    globalWxss = wxssClosure(path.join(DIST, 'app.wxss'))
    mainCommonJs = read(path.join(DIST, 'common.js'))
  })

  it('should build every page listed, with a stylesheet the checks can follow', () => {
    expect(all.length).toBeGreaterThan(30)
    expect(all.map((p) => p.page)).toEqual(expect.arrayContaining(Object.values(MUST_USE).flat()))
    for (const p of all) expect(fs.existsSync(path.join(DIST, `${p.page}.js`))).toBe(true)
  })

  it('should give the type scale (and its 大字模式 values) to every page through app.wxss', () => {
    for (const v of ['--font-base:', '--tap-min:', '--line-height:', '--font-scale:']) expect(globalWxss).toContain(v)
    expect(globalWxss).toMatch(/\.page\.elder\{[^}]*--font-base:calc\(38rpx/)
    expect(globalWxss).toMatch(/\.page\.font-scale-13\{--font-scale:1\.3\}/)
  })

  for (const control of CONTROLS) {
    it(`should have the ${control.name} styles in every page that draws one`, () => {
      const users = []
      const missing = []
      for (const p of all) {
        const js = jsClosure(path.join(DIST, `${p.page}.js`)) + (p.main ? mainCommonJs : '')
        if (!control.used.test(js) && !MUST_USE[control.name].includes(p.page)) continue
        users.push(p.page)
        const styles = wxssClosure(path.join(DIST, `${p.page}.wxss`)) + globalWxss
        for (const selector of control.defines) if (!styles.includes(selector)) missing.push(`${p.page}: ${selector}`)
      }
      expect(users.length).toBeGreaterThanOrEqual(MUST_USE[control.name].length)
      expect(missing).toEqual([])
    })
  }

  it('should not let Taro’s disabled="false" dim an enabled button: only a real disabled state matches', () => {
    // The variant colours hold for [disabled] too (Taro H5's own rule would paint the label white), and the grey look
    // needs the class or disabled other than "false".
    expect(globalWxss).toMatch(/\.btn\.btn--ghost\[disabled\]/)
    expect(globalWxss).toMatch(/\.btn\[disabled\]:not\(\[disabled=["']?false["']?\]\)/)
    expect(globalWxss).not.toMatch(/\.btn\[disabled\]\{/)
  })
})
