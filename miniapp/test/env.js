// What a Taro H5 build defines for the runtime packages.
process.env.TARO_ENV = 'h5';
process.env.TARO_PLATFORM = 'web';
process.env.FRAMEWORK = 'react';
process.env.SUPPORT_TARO_POLYFILL = 'disabled';

// Browsers have TextEncoder and TextDecoder; jsdom does not. The test kit's HTTP
// client (supertest, over Node's http) needs them to load.
const { TextDecoder, TextEncoder } = require('node:util');
Object.assign(globalThis, { TextDecoder, TextEncoder });
