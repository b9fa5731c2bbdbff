// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
//
// The weapp build is held to the syntax floor in ../README.md ("The weapp's
// syntax floor"): ECMAScript 2017, what iOS 12's JavaScriptCore runs in full.
// Safari 10.3 and Chrome 55 are the first engines with all of ES2017, so
// preset-env compiles away everything newer (object spread, optional catch
// binding, `?.`, `??`, `??=`, Unicode property escapes); the package.json
// browserslist (for the H5 build) would keep them. scripts/check-weapp-syntax.mjs
// proves the shipped files are at the floor.
const WEAPP_TARGETS = { ios: '10.3', chrome: '55' };

module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
        ...(process.env.TARO_ENV === 'weapp' ? { targets: WEAPP_TARGETS, ignoreBrowserslistConfig: true } : {}),
      },
    ],
  ],
};
