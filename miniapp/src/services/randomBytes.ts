// Taro's builds resolve `./randomBytes` to randomBytes.weapp.ts or randomBytes.h5.ts by platform.
// Type checking and Jest (an H5 environment, see test/env.js) see this file.
export * from './randomBytes.h5';
