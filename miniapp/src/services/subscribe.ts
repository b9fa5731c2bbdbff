// Taro's builds resolve `./subscribe` to subscribe.weapp.ts or subscribe.h5.ts by platform.
// Type checking and Jest (an H5 environment, see test/env.js) see this file.
export * from './subscribe.h5';
