import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import { dotenvParse } from '@tarojs/helper';
import type { IH5Config } from '@tarojs/taro/types/compile';
import type { ChunkGraph, Module } from 'webpack';
import devConfig from './dev';
import prodConfig from './prod';

const appRoot = path.resolve(__dirname, '..');
// Taro compiles only src/ and Taro's own packages; the shared package ships TypeScript source.
const sharedSource = path.resolve(appRoot, '..', 'shared', 'src');
// Dependencies that ship syntax above the weapp's floor (ES2017, see
// babel.config.js), so Taro's babel must compile them for the weapp too.
// scripts/check-weapp-syntax.mjs names the file of any that is missed.
const MODERN_DEPENDENCIES = /[\\/]node_modules[\\/]zod[\\/]/;

// The mini-program calls the BFF by absolute URL (WeChat needs one); the H5
// build is served with /api passed through to the BFF, so it calls its own
// origin and needs no CORS.
const DEFAULT_API_BASE: Record<string, string> = { weapp: 'http://127.0.0.1:3000', h5: '' };

// The one place the mini-program reads its environment. Taro injects TARO_APP_*
// from .env files into the bundle but never from the shell, and the config
// cannot see the .env files' values, so both are read here and a shell
// variable wins.
function apiBase(mode: string): string {
  const fromFiles = dotenvParse(appRoot, 'TARO_APP_', mode);
  const value = process.env.TARO_APP_API_BASE ?? fromFiles.TARO_APP_API_BASE ?? DEFAULT_API_BASE[process.env.TARO_ENV ?? 'weapp'] ?? '';
  if (value !== '' && !URL.canParse(value)) throw new Error(`TARO_APP_API_BASE is not a URL: ${value}`);
  return value.replace(/\/+$/, '');
}

// Where the H5 build is served, for the sign-up links staff copy from the
// mini-program; the H5 build itself uses its own address.
function h5Base(mode: string): string {
  const value = process.env.TARO_APP_H5_BASE ?? dotenvParse(appRoot, 'TARO_APP_', mode).TARO_APP_H5_BASE ?? 'http://127.0.0.1:10086';
  if (!URL.canParse(value)) throw new Error(`TARO_APP_H5_BASE is not a URL: ${value}`);
  return value.replace(/\/+$/, '');
}

/** The webpack-chain object Taro hands to `h5.webpackChain`. */
type H5Chain = Parameters<NonNullable<IH5Config['webpackChain']>>[0];

// Each H5 page is an async chunk, and Taro's splitChunks only splits initial
// chunks: every page carried its own copy of zod, Taro's components and its
// request polyfills (1.7 MB of JS chunks gzip in all, 55-80 KB per page).
// The libraries of the home page, which every resident's page needs too, now
// go to one `page-vendors` chunk, downloaded once and cached while the resident
// moves from the home page to a programme and its application form. Only
// those: one more chunk (or more bytes) on a page's first load delayed its
// largest paint in Lighthouse. What only staff pages share (the pickers'
// swiper) goes to chunks of the staff pages.
const PAGE_VENDORS = 'page-vendors';
const NODE_MODULES = /[\\/]node_modules[\\/]/;
const HOME_PAGE = /[\\/]miniapp[\\/]src[\\/]pages[\\/]index[\\/]index\.tsx$/;
// The residents' pages themselves (staff pages reuse the apply sub-package's components).
const RESIDENT_PAGE = /[\\/]miniapp[\\/]src[\\/](packages[\\/]apply[\\/])?pages[\\/]/;

function splitSharedPageCode(chain: H5Chain): void {
  const current = chain.optimization.get('splitChunks') as { cacheGroups?: Record<string, unknown> };
  chain.optimization.splitChunks({
    ...current,
    cacheGroups: {
      ...current.cacheGroups,
      pageVendors: {
        name: PAGE_VENDORS,
        chunks: 'async',
        test: libraryOfPages(HOME_PAGE),
        minChunks: 2,
        priority: 20,
        reuseExistingChunk: true,
      },
      staffVendors: { chunks: 'async', test: libraryOfPages(RESIDENT_PAGE, false), minChunks: 2, priority: 10, reuseExistingChunk: true },
    },
  });
}

/** A splitChunks test: a library that a page matching `page` uses (or, with `used` false, that none does). */
function libraryOfPages(page: RegExp, used = true) {
  return (module: Module, { chunkGraph }: { chunkGraph: ChunkGraph }): boolean => {
    if (!NODE_MODULES.test(module.nameForCondition() ?? '')) return false;
    for (const chunk of chunkGraph.getModuleChunksIterable(module)) {
      for (const other of chunkGraph.getChunkModulesIterable(chunk)) if (page.test(other.nameForCondition() ?? '')) return used;
    }
    return !used;
  };
}

// Taro's progress bar (webpackbar's "fancy" reporter) prints a line for each
// step when its output is not a terminal: a CI log ran to thousands of lines
// of it and buried the test results. There only the start and the end (and
// webpack's warnings and errors) are printed.
function quietProgressWhenPiped(chain: H5Chain): void {
  if (process.stdout.isTTY || !chain.plugins.has('webpackbar')) return;
  chain.plugin('webpackbar').tap(([options]) => [{ ...(options as object), fancy: false }]);
}

export default defineConfig<'webpack5'>(async (merge, { mode }) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'minsheng',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    defineConstants: {
      API_BASE_URL: JSON.stringify(apiBase(mode)),
      H5_BASE_URL: JSON.stringify(h5Base(mode)),
    },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      webpackChain(chain) {
        quietProgressWhenPiped(chain);
      },
      compile: { include: [sharedSource, (file: string) => MODERN_DEPENDENCIES.test(file)] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      webpackChain(chain) {
        splitSharedPageCode(chain);
        quietProgressWhenPiped(chain);
      },
      compile: { include: [sharedSource] },
      publicPath: './',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        // Taro sizes the H5 page by its root font size, which grows with the screen's shorter side up to this cap:
        // phones keep their size (20-23 px at 375-430 px wide), and a desk's screen (the staff console) stops at a
        // tablet's 24 px instead of 40, which drew every word and button twice a phone's size.
        pxtransform: { enable: true, config: { maxRootSize: 24 } },
        cssModules: { enable: false },
      },
    },
  };

  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
