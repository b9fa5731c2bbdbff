import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

/** What the mini-program asked WeChat for, in order, for tests to assert on. */
export interface WxRecord {
  requests: { method: string; url: string; header: Record<string, string>; data: unknown; status: number }[];
  toasts: string[];
  modals: { title: string; content: string }[];
  subscribePrompts: string[][];
  navigations: { kind: string; url: string }[];
  storage: Map<string, unknown>;
}

export interface StandInOptions {
  /** The API origin compiled into the build; its requests go to `bffUrl`. */
  apiOrigin: string;
  bffUrl: string;
  loginCode: string;
  navigate(kind: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch' | 'navigateBack', url: string): void;
  currentPages(): { route: string }[];
}

interface Callbacks {
  success?: (result: unknown) => void;
  fail?: (error: { errMsg: string }) => void;
  complete?: (result: unknown) => void;
}
type Options = Callbacks & Record<string, unknown>;

function done(name: string, options: Callbacks, result: Record<string, unknown> = {}): void {
  const answer = { errMsg: `${name}:ok`, ...result };
  setTimeout(() => {
    options.success?.(answer);
    options.complete?.(answer);
  }, 0);
}

function failed(name: string, options: Callbacks, why: string): void {
  const answer = { errMsg: `${name}:fail ${why}` };
  setTimeout(() => {
    options.fail?.(answer);
    options.complete?.(answer);
  }, 0);
}

/** A 1×1 PNG on disk, what `wx.chooseImage` hands back as a temporary file. */
function tinyPng(dir: string): string {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = (crcTable[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, body: Buffer) => {
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), body]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(typed));
    return Buffer.concat([length, typed, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from([0, 200, 40, 40]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  const file = path.join(dir, `photo-${Date.now()}.png`);
  writeFileSync(file, png);
  return file;
}

/**
 * A stand-in for the `wx` object of WeChat's logic layer: storage in memory,
 * requests to the real BFF process, navigation through the runtime, and the
 * prompts WeChat would show (toasts, modals, subscribe-message requests)
 * recorded and answered as a resident who agrees would.
 */
export function standInWx(options: StandInOptions): { wx: Record<string, unknown>; record: WxRecord; close(): void } {
  const record: WxRecord = { requests: [], toasts: [], modals: [], subscribePrompts: [], navigations: [], storage: new Map() };
  const tempDir = mkdtempSync(path.join(os.tmpdir(), 'minsheng-weapp-'));
  const toBff = (url: string) => (url.startsWith(options.apiOrigin) ? options.bffUrl + url.slice(options.apiOrigin.length) : url);
  const systemInfo = {
    brand: 'devtools',
    model: 'iPhone 6',
    pixelRatio: 2,
    screenWidth: 375,
    screenHeight: 667,
    windowWidth: 375,
    windowHeight: 603,
    statusBarHeight: 20,
    language: 'zh_CN',
    version: '8.0.50',
    system: 'iOS 12.5.7',
    platform: 'ios',
    SDKVersion: '2.21.2',
    fontSizeSetting: 16,
    safeArea: { left: 0, right: 375, top: 20, bottom: 667, width: 375, height: 647 },
  };
  const navigation = (kind: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch') => (o: Options) => {
    const url = String(o.url);
    record.navigations.push({ kind, url });
    try {
      options.navigate(kind, url);
      done(kind, o);
    } catch (error) {
      failed(kind, o, String(error));
      throw error;
    }
  };

  const wx: Record<string, unknown> = {
    getSystemInfoSync: () => systemInfo,
    getSystemInfo: (o: Options) => done('getSystemInfo', o, systemInfo),
    getWindowInfo: () => systemInfo,
    getDeviceInfo: () => systemInfo,
    getAppBaseInfo: () => systemInfo,
    getMenuButtonBoundingClientRect: () => ({ width: 87, height: 32, top: 24, right: 365, bottom: 56, left: 278 }),
    getLaunchOptionsSync: () => ({ path: 'pages/index/index', query: {}, scene: 1001 }),
    getEnterOptionsSync: () => ({ path: 'pages/index/index', query: {}, scene: 1001 }),
    canIUse: () => true,
    nextTick: (fn: () => void) => setTimeout(fn, 0),
    onAppShow: () => undefined,
    onAppHide: () => undefined,
    getUpdateManager: () => ({ onCheckForUpdate: () => undefined, onUpdateReady: () => undefined, onUpdateFailed: () => undefined }),

    getStorageSync: (key: string) => (record.storage.has(key) ? record.storage.get(key) : ''),
    setStorageSync: (key: string, value: unknown) => void record.storage.set(key, JSON.parse(JSON.stringify(value)) as unknown),
    removeStorageSync: (key: string) => void record.storage.delete(key),
    clearStorageSync: () => record.storage.clear(),
    getStorage: (o: Options) =>
      record.storage.has(String(o.key))
        ? done('getStorage', o, { data: record.storage.get(String(o.key)) })
        : failed('getStorage', o, 'data not found'),
    setStorage: (o: Options) => {
      record.storage.set(String(o.key), o.data);
      done('setStorage', o);
    },
    removeStorage: (o: Options) => {
      record.storage.delete(String(o.key));
      done('removeStorage', o);
    },

    login: (o: Options) => done('login', o, { code: options.loginCode }),

    request: (o: Options) => {
      const method = String(o.method ?? 'GET').toUpperCase();
      const header = { ...((o.header as Record<string, string> | undefined) ?? {}) };
      let url = toBff(String(o.url));
      let body: string | undefined;
      if (o.data !== undefined && o.data !== null) {
        if (method === 'GET') {
          // WeChat puts a GET's data in the query string.
          const query = new URLSearchParams(Object.entries(o.data as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
          url += (url.includes('?') ? '&' : '?') + query.toString();
        } else {
          body = typeof o.data === 'string' ? o.data : JSON.stringify(o.data);
          if (!Object.keys(header).some((k) => k.toLowerCase() === 'content-type')) header['content-type'] = 'application/json';
        }
      }
      const controller = new AbortController();
      fetch(url, { method, headers: header, body, signal: controller.signal }).then(
        async (response) => {
          const text = await response.text();
          let data: unknown = text;
          if (o.dataType !== 'text') {
            try {
              data = JSON.parse(text) as unknown;
            } catch {
              data = text;
            }
          }
          record.requests.push({ method, url, header, data: o.data ?? null, status: response.status });
          done('request', o, { statusCode: response.status, data, header: Object.fromEntries(response.headers) });
        },
        (error: unknown) => failed('request', o, String(error)),
      );
      return { abort: () => controller.abort(), onHeadersReceived: () => undefined, offHeadersReceived: () => undefined };
    },

    uploadFile: (o: Options) => {
      const form = new FormData();
      for (const [key, value] of Object.entries((o.formData as Record<string, string> | undefined) ?? {})) form.append(key, value);
      const filePath = String(o.filePath);
      form.append(String(o.name), new Blob([readFileSync(filePath)], { type: 'image/png' }), path.basename(filePath));
      const url = toBff(String(o.url));
      const header = (o.header as Record<string, string> | undefined) ?? {};
      fetch(url, { method: 'POST', headers: header, body: form }).then(
        async (response) => {
          record.requests.push({ method: 'POST', url, header, data: null, status: response.status });
          done('uploadFile', o, { statusCode: response.status, data: await response.text() });
        },
        (error: unknown) => failed('uploadFile', o, String(error)),
      );
      return { abort: () => undefined, onProgressUpdate: () => undefined, offProgressUpdate: () => undefined };
    },
    chooseImage: (o: Options) => {
      const file = tinyPng(tempDir);
      done('chooseImage', o, { tempFilePaths: [file], tempFiles: [{ path: file, size: readFileSync(file).length }] });
    },
    chooseMedia: (o: Options) => {
      const file = tinyPng(tempDir);
      done('chooseMedia', o, { type: 'image', tempFiles: [{ tempFilePath: file, size: readFileSync(file).length, fileType: 'image' }] });
    },

    navigateTo: navigation('navigateTo'),
    redirectTo: navigation('redirectTo'),
    switchTab: navigation('switchTab'),
    reLaunch: navigation('reLaunch'),
    navigateBack: (o: Options) => {
      record.navigations.push({ kind: 'navigateBack', url: '' });
      options.navigate('navigateBack', '');
      done('navigateBack', o);
    },

    showToast: (o: Options) => {
      record.toasts.push(String(o.title));
      done('showToast', o);
    },
    hideToast: (o: Options = {}) => done('hideToast', o),
    showLoading: (o: Options) => done('showLoading', o),
    hideLoading: (o: Options = {}) => done('hideLoading', o),
    showModal: (o: Options) => {
      record.modals.push({ title: String(o.title ?? ''), content: String(o.content ?? '') });
      done('showModal', o, { confirm: true, cancel: false });
    },
    requestSubscribeMessage: (o: Options) => {
      const ids = (o.tmplIds as string[] | undefined) ?? [];
      record.subscribePrompts.push(ids);
      done('requestSubscribeMessage', o, Object.fromEntries(ids.map((id) => [id, 'accept'])));
    },
    stopPullDownRefresh: (o: Options = {}) => done('stopPullDownRefresh', o),
    pageScrollTo: (o: Options) => done('pageScrollTo', o),
    setNavigationBarTitle: (o: Options) => done('setNavigationBarTitle', o),
    setTabBarBadge: (o: Options) => done('setTabBarBadge', o),
    removeTabBarBadge: (o: Options) => done('removeTabBarBadge', o),
    setClipboardData: (o: Options) => done('setClipboardData', o),
    // wx.getRandomValues: WeChat's secure generator, here Node's.
    getRandomValues: (o: Options) => done('getRandomValues', o, { randomValues: randomBytes(Number(o.length)).buffer }),
    showShareMenu: (o: Options = {}) => done('showShareMenu', o),
    createSelectorQuery: () => {
      const query = {
        select: () => query,
        selectAll: () => query,
        in: () => query,
        boundingClientRect: () => query,
        fields: () => query,
        scrollOffset: () => query,
        exec: (callback?: (result: unknown[]) => void) => setTimeout(() => callback?.([]), 0),
      };
      return query;
    },
  };
  return { wx, record, close: () => rmSync(tempDir, { recursive: true, force: true }) };
}
