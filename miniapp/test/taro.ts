// Jest maps `@tarojs/taro` here. A Taro build swaps in the platform's API
// package and attaches the React lifecycle hooks to it; this does the same for
// jsdom with the H5 package, and registers React with Taro's runtime, without
// which the hooks (useLoad, useDidShow, …) have no React to call.
import * as hooks from '@tarojs/plugin-framework-react/dist/runtime'
import Taro from '@tarojs/taro-h5'
import React from 'react'
import ReactDOM from 'react-dom'

hooks.createReactApp(() => null, React, ReactDOM, { pages: [] })

Object.assign(Taro, hooks)

export * from '@tarojs/taro-h5'
export * from '@tarojs/plugin-framework-react/dist/runtime'
export default Taro
