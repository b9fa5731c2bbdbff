// What a Taro H5 build defines for the runtime packages.
process.env.TARO_ENV = 'h5';
process.env.TARO_PLATFORM = 'web';
process.env.FRAMEWORK = 'react';
process.env.SUPPORT_TARO_POLYFILL = 'disabled';

// Browsers have TextEncoder and TextDecoder; jsdom does not. The test kit's HTTP
// client (supertest, over Node's http) needs them to load.
const { TextDecoder, TextEncoder } = require('node:util');
Object.assign(globalThis, { TextDecoder, TextEncoder });

// findBy* and waitFor wait for a condition up to this long (Testing Library's
// default is 1 s): on a busy shared machine a real round trip to the BFF and a
// Taro re-render can take longer than that without anything being wrong.
const { configure } = require('@testing-library/react');
configure({ asyncUtilTimeout: 10000 });
