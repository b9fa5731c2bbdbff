// Taro's builds resolve `./PhoneButton` to PhoneButton.weapp.tsx or PhoneButton.h5.tsx by platform.
// Type checking and Jest (an H5 environment) see this file.
export * from './PhoneButton.h5';
