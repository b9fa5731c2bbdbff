// Taro's builds resolve `./ShareButton` to ShareButton.weapp.tsx or ShareButton.h5.tsx by platform.
// Type checking and Jest (an H5 environment) see this file.
export * from './ShareButton.h5';
