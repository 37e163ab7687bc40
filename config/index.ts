import path from 'path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'

const root = path.resolve(__dirname, '..')
const domainSrc = path.join(root, 'domain/src')

/** The H5 build is served by the API server itself, so it talks to its own origin. */
function apiBase(): string {
  if (process.env.TARO_ENV === 'h5') return ''
  const base = process.env.TARO_APP_API_BASE
  // A release for the phones (npm run build:weapp:release) must name the real server, over https: WeChat refuses
  // any other request domain, and a build that quietly points at 127.0.0.1 would reach no one.
  if (process.env.TARO_ENV === 'weapp' && process.env.LINLI_RELEASE === '1') {
    let url: URL | null = null
    try {
      url = base ? new URL(base) : null
    } catch {
      url = null
    }
    if (!url || url.protocol !== 'https:') {
      throw new Error(`weapp release build: TARO_APP_API_BASE must be set to the server's https address (got ${base ? JSON.stringify(base) : 'nothing'})`)
    }
    return base!.replace(/\/$/, '')
  }
  return base || 'http://127.0.0.1:3000'
}

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'linli',
    date: '2024-11-28',
    // NutUI's own css is drawn on a 375-wide design; ours on 750. pxtransform asks per file.
    designWidth(input?: string | number | { file?: string }) {
      const file = typeof input === 'object' ? input?.file : undefined
      return file?.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750
    },
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'client',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {
      API_BASE: JSON.stringify(apiBase()),
    },
    alias: {
      '@linli/domain': path.join(domainSrc, 'index.ts'),
    },
    // sitemap.json is a mini-program file: which pages WeChat search may index (staff pages may not).
    copy: { patterns: process.env.TARO_ENV === 'weapp' ? [{ from: 'client/sitemap.json', to: 'dist/weapp/sitemap.json' }] : [], options: {} },
    framework: 'react',
    compiler: {
      type: 'webpack5',
      prebundle: { enable: false },
    },
    cache: { enable: false },
    mini: {
      // Each component's styles are its own BEM block, so the order webpack joins them in does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
      compile: {
        include: [domainSrc],
      },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'browser' },
      compile: {
        include: [domainSrc],
      },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  }

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
