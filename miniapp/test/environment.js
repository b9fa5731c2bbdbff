// jsdom on the origin of the H5 server that test/global-setup.ts started (it
// passes /api through to the BFF), with API_BASE_URL pointing there too: the
// app's requests are same-origin, as in the H5 build. The address is known
// only once the global setup ran, so it cannot be written in jest.config.js.
const { TestEnvironment } = require('jest-environment-jsdom');

module.exports = class StackEnvironment extends TestEnvironment {
  constructor(config, context) {
    const appUrl = process.env.MINSHENG_TEST_APP_URL;
    if (!appUrl) throw new Error('MINSHENG_TEST_APP_URL is not set: the global setup (test/global-setup.ts) starts the stack');
    const projectConfig = {
      ...config.projectConfig,
      testEnvironmentOptions: { ...config.projectConfig.testEnvironmentOptions, url: `${appUrl}/` },
      globals: { ...config.projectConfig.globals, API_BASE_URL: appUrl },
    };
    super({ ...config, projectConfig }, context);
  }
};
