// Taro compiles the app with babel-preset-taro; jest (NODE_ENV=test) runs the same sources on Node,
// where the plain presets are enough and avoid Taro's build-time plugins.
module.exports = (api) => {
  const isTest = api.env('test')
  if (isTest) {
    return {
      presets: [
        ['@babel/preset-env', { targets: { node: 'current' } }],
        ['@babel/preset-react', { runtime: 'automatic' }],
        '@babel/preset-typescript',
      ],
    }
  }
  return {
    presets: [
      ['taro', {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
      }],
    ],
  }
}
