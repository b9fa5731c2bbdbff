// Taro's builds resolve `./login` to login.weapp.ts or login.h5.ts by platform.
// Type checking and Jest (an H5 environment, see test/env.js) see this file.
export * from './login.h5';
