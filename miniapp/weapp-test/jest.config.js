/**
 * Tests of the weapp build itself (dist/weapp), run in a WeChat-like runtime
 * under Node (weapp-test/runtime.ts) against a real BFF process with its own
 * database and WeChat stand-in.
 */
module.exports = require('../test/process-suite.config')({ dir: 'weapp-test', match: '*.test.ts', testTimeout: 60000 });
