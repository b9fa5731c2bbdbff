/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.svg';
declare module '*.scss';

/** The BFF's origin, fixed at build time from TARO_APP_API_BASE (config/index.ts). */
declare const API_BASE_URL: string;

/** Where the H5 build is served, fixed at build time from TARO_APP_H5_BASE (config/index.ts); used by the mini-program only. */
declare const H5_BASE_URL: string;

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test';
    TARO_ENV: 'weapp' | 'h5';
    TARO_APP_API_BASE?: string;
    TARO_APP_H5_BASE?: string;
  }
}
