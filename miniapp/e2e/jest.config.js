/**
 * Browser tests of the H5 build: a real BFF process (with its own database and
 * WeChat stand-in), the built H5 app served with /api passed through, and
 * Debian's Chromium driven by playwright-core on a phone-sized viewport.
 */
module.exports = require('../test/process-suite.config')({ dir: 'e2e', match: '*.e2e.ts', testTimeout: 120000 });
