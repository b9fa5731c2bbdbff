// Debian's Chromium (package chromium), headless, with the flags this machine's
// closed network needs: the one launch configuration of the browser tests
// (miniapp/e2e/browser.ts) and the bench's Lighthouse run
// (bench/src/lighthouse.mjs). CommonJS so that both can load it as it is.

/** The browser's executable: CHROMIUM_PATH, or chrome-launcher's CHROME_PATH, or Debian's. */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? process.env.CHROME_PATH ?? '/usr/bin/chromium';

/** Headless, no sandbox (containers), and nothing that would reach out to the network by itself. */
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

module.exports = { CHROMIUM_PATH, CHROMIUM_FLAGS };
