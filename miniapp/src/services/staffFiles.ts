// Taro's builds resolve `./staffFiles` to staffFiles.weapp.ts or staffFiles.h5.ts by platform.
// Type checking and Jest (an H5 environment, see test/env.js) see this file.
export * from './staffFiles.h5';
