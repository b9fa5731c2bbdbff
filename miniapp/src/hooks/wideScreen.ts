// Taro's builds resolve `./wideScreen` to wideScreen.weapp.ts or wideScreen.h5.ts by platform.
// Type checking and Jest (an H5 environment) see this file.
export * from './wideScreen.h5';
