// Jest maps `@tarojs/taro` here. A Taro H5 build swaps in the H5 API package,
// rewrites `Taro.x` calls into named imports and attaches the React lifecycle
// hooks; this builds the same `Taro` object for jsdom in one place. It also
// registers React with Taro's runtime, without which the hooks (useLoad,
// useDidShow, …) have no React to call.
import * as hooks from '@tarojs/plugin-framework-react/dist/runtime';
import * as h5 from '@tarojs/taro-h5';
import React from 'react';
import ReactDOM from 'react-dom';

hooks.createReactApp(() => null, React, ReactDOM, { pages: [] });

const { default: base, ...apis } = h5;
const Taro = { ...base, ...apis, ...hooks };

export * from '@tarojs/taro-h5';
export * from '@tarojs/plugin-framework-react/dist/runtime';
export default Taro;
