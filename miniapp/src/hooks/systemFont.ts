// Taro's builds resolve `./systemFont` to systemFont.weapp.ts or systemFont.h5.ts by platform.
// Type checking and Jest (an H5 environment) see this file.
export * from './systemFont.h5';
