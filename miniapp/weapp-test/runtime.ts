import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { standInWx, type WxRecord } from './wx';

/**
 * A WeChat-like runtime for the weapp build under Node: it loads the build's
 * own app.js and page scripts (as WeChat's logic layer does, one CommonJS
 * module per file with `wx`, `App`, `Page` and `Component` as globals), keeps
 * each page's data as WeChat does from what Taro passes to `setData`, renders
 * that data through the wcc-compiled templates of the build, and sends taps
 * and inputs to the page's event handler (`eh`) as WeChat's view layer would.
 */

export const WEAPP_DIR = path.resolve(__dirname, '..', 'dist', 'weapp');

const { compileWxml } = createRequire(__filename)('../scripts/wechat-compilers.cjs') as {
  compileWxml(dist: string): { ok: boolean; errors: string; output: string };
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Handler = (this: PageInstance, ...args: unknown[]) => unknown;
type PageConfig = Record<string, unknown> & { data?: Json };

export interface PageInstance {
  route: string;
  options: Record<string, string>;
  data: Record<string, Json>;
  setData(patch: Record<string, Json>, callback?: () => void): void;
  [method: string]: unknown;
}

/** One node of the tree wcc's templates produce: an element, or a text. */
export interface VNode {
  tag: string;
  attr: Record<string, unknown>;
  children: (VNode | string)[];
}

export interface WeappOptions {
  bffUrl: string;
  /** The `wx.login` code the phone's WeChat hands out (the BFF's WeChat stand-in accepts `dev:<name>`). */
  loginCode: string;
  dist?: string;
}

/** The origin the build was compiled to call (config/index.ts's default for weapp). */
const BUILD_API_ORIGIN = 'http://127.0.0.1:3000';

export class Weapp {
  readonly dist: string;
  readonly record: WxRecord;
  readonly stack: PageInstance[] = [];
  private readonly context: vm.Context;
  private readonly modules = new Map<string, { exports: unknown }>();
  private readonly pageConfigs = new Map<string, PageConfig>();
  private readonly tabBar: { pagePath: string; text: string }[];
  /** Tab pages stay alive once opened, as in WeChat: switching back shows the same instance. */
  private readonly openTabs = new Map<string, PageInstance>();
  private readonly renderTemplate: (file: string, data: Json) => VNode;
  private pendingPage: string | null = null;
  private app: Record<string, unknown> = {};
  /** Removes the photos wx.chooseImage made. */
  readonly close: () => void;

  constructor(options: WeappOptions) {
    this.dist = options.dist ?? WEAPP_DIR;
    const appJson = JSON.parse(readFileSync(path.join(this.dist, 'app.json'), 'utf8')) as {
      tabBar?: { list: { pagePath: string; text: string }[] };
    };
    this.tabBar = appJson.tabBar?.list ?? [];
    const { wx, record, close } = standInWx({
      apiOrigin: BUILD_API_ORIGIN,
      bffUrl: options.bffUrl,
      loginCode: options.loginCode,
      navigate: (kind, url) => this.navigate(kind, url),
      currentPages: () => this.stack,
    });
    this.record = record;
    this.close = close;
    const globals = {
      wx,
      App: (config: Record<string, unknown>) => {
        this.app = config;
      },
      Page: (config: PageConfig) => {
        if (!this.pendingPage) throw new Error('Page() called outside a page script');
        this.pageConfigs.set(this.pendingPage, config);
      },
      // Taro's `comp` (the template for trees deeper than the base templates) is rendered by render() itself.
      Component: () => undefined,
      Behavior: (definition: unknown) => definition,
      getApp: () => this.app,
      getCurrentPages: () => [...this.stack],
      console,
      setTimeout,
      clearTimeout,
      setInterval,
      clearInterval,
    };
    this.context = vm.createContext(globals);
    this.renderTemplate = templateRenderer(this.dist);
  }

  /** Loads app.js, calls the app's onLaunch and onShow, and opens the first page (or `entry`), as WeChat does on a cold start. */
  async launch(entry?: string): Promise<PageInstance> {
    this.load('app.js');
    const first = entry ?? this.tabBar[0]?.pagePath ?? 'pages/index/index';
    const [route = '', query = ''] = first.replace(/^\//, '').split('?');
    const launchOptions = { path: route, query: Object.fromEntries(new URLSearchParams(query)), scene: 1001 };
    this.call(this.app, 'onLaunch', launchOptions);
    this.call(this.app, 'onShow', launchOptions);
    this.open(first);
    await settle();
    return this.current();
  }

  current(): PageInstance {
    const page = this.stack.at(-1);
    if (!page) throw new Error('no page is open');
    return page;
  }

  /** The current page rendered through the build's own templates (pages/<x>/index.wxml, base.wxml, utils.wxs). */
  render(page: PageInstance = this.current()): VNode {
    return this.renderTemplate(`${page.route}.wxml`, page.data as Json);
  }

  /** All the text on the current page, as a resident would read it. */
  text(page: PageInstance = this.current()): string {
    return textOf(this.render(page));
  }

  /** Waits until `check` holds for the rendered current page, or fails with what the page showed. */
  async waitFor<T>(what: string, check: (weapp: Weapp) => T | undefined | false | null, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      let found: T | undefined | false | null;
      let problem: unknown;
      try {
        found = check(this);
      } catch (error) {
        problem = error;
      }
      if (found) return found;
      if (Date.now() > deadline) {
        const shown = this.stack.length > 0 ? `${this.current().route}: ${this.text()}` : 'no page';
        throw new Error(`timed out waiting for ${what}${problem ? ` (${String(problem)})` : ''}; the page showed:\n${shown}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Waits for a text on the current page. */
  async see(words: string | RegExp): Promise<void> {
    await this.waitFor(`"${String(words)}"`, (w) => (typeof words === 'string' ? w.text().includes(words) : words.test(w.text())));
  }

  /** Waits for the page at `route` to be in front. */
  async onPage(route: string): Promise<PageInstance> {
    return this.waitFor(`page ${route}`, (w) => (w.stack.at(-1)?.route === route ? w.current() : undefined));
  }

  /**
   * Taps the innermost element whose text is `words` (or matches it) and that
   * has a tap binding on it or on an ancestor, as a finger would.
   */
  async tap(words: string | RegExp): Promise<void> {
    const target = await this.waitFor(`something to tap with "${String(words)}"`, (w) =>
      findBound(w.render(), 'bindtap', (node) => matches(textOf(node), words)),
    );
    this.dispatch(target, 'tap', {});
    await settle();
  }

  /** Taps a tab of WeChat's own tab bar (app.json's tabBar, drawn by WeChat, not by the page). */
  async tapTab(label: string): Promise<void> {
    const tab = this.tabBar.find((t) => t.text === label);
    if (!tab) throw new Error(`the tab bar has no tab ${label}`);
    this.navigate('switchTab', `/${tab.pagePath}`);
    await settle();
  }

  /** Types `value` into the input whose placeholder is `placeholder`, as WeChat's input events report it. */
  async fill(placeholder: string, value: string): Promise<void> {
    const input = await this.waitFor(`an input "${placeholder}"`, (w) =>
      find(w.render(), (node) => (node.tag === 'wx-input' || node.tag === 'wx-textarea') && node.attr.placeholder === placeholder),
    );
    this.dispatch(input, 'input', { value, cursor: value.length, keyCode: 0 });
    await settle();
    this.dispatch(input, 'blur', { value });
    await settle();
  }

  /** Sends an event to the page's Taro event handler, with the target the template rendered. */
  dispatch(node: VNode, type: string, detail: Record<string, unknown>): void {
    const page = this.current();
    const sid = String(node.attr['data-sid'] ?? node.attr.id ?? '');
    const target = { id: String(node.attr.id ?? ''), dataset: { sid } };
    const handler = page.eh;
    if (typeof handler !== 'function') throw new Error(`${page.route} has no event handler`);
    handler.call(page, { type, timeStamp: Date.now(), detail, target, currentTarget: target, mark: {} });
  }

  /** Shows the page at `url` the way WeChat's navigation APIs do. */
  private navigate(kind: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch' | 'navigateBack', url: string): void {
    if (kind === 'navigateBack') {
      const leaving = this.stack.pop();
      if (leaving) this.call(leaving, 'onUnload');
      const back = this.stack.at(-1);
      if (back) this.call(back, 'onShow');
      return;
    }
    const top = this.stack.at(-1);
    if (kind === 'navigateTo') {
      if (top) this.call(top, 'onHide');
    } else {
      const closing = kind === 'redirectTo' ? [this.stack.pop()] : this.stack.splice(0);
      for (const page of closing) {
        if (!page) continue;
        if (this.openTabs.get(page.route) === page && kind === 'switchTab') this.call(page, 'onHide');
        else this.call(page, 'onUnload');
        if (kind === 'reLaunch') this.openTabs.delete(page.route);
      }
    }
    const route = url.replace(/^\//, '').split('?')[0] ?? '';
    const tab = kind === 'switchTab' ? this.openTabs.get(route) : undefined;
    if (tab) {
      this.stack.push(tab);
      this.call(tab, 'onShow');
      return;
    }
    this.open(url);
  }

  private open(url: string): void {
    const [route = '', query = ''] = url.replace(/^\//, '').split('?');
    const options = Object.fromEntries(new URLSearchParams(query));
    if (!this.pageConfigs.has(route)) {
      this.pendingPage = route;
      this.load(`${route}.js`);
      this.pendingPage = null;
    }
    const config = this.pageConfigs.get(route);
    if (!config) throw new Error(`${route}.js did not call Page()`);
    const page = createInstance(config, route, options);
    this.stack.push(page);
    if (this.tabBar.some((t) => t.pagePath === route)) this.openTabs.set(route, page);
    this.call(page, 'onLoad', options);
    this.call(page, 'onShow');
    this.call(page, 'onReady');
  }

  private call(target: Record<string, unknown>, method: string, ...args: unknown[]): void {
    const fn = target[method];
    if (typeof fn === 'function') (fn as Handler).apply(target as PageInstance, args);
  }

  /** A CommonJS module of the build, run in the WeChat-like context. */
  private load(file: string): unknown {
    const full = path.resolve(this.dist, file.endsWith('.js') ? file : `${file}.js`);
    const cached = this.modules.get(full);
    if (cached) return cached.exports;
    const module = { exports: {} };
    this.modules.set(full, module);
    const source = readFileSync(full, 'utf8');
    const wrapped = vm.runInContext(`(function (require, module, exports) {${source}\n})`, this.context, { filename: full }) as (
      require: (spec: string) => unknown,
      module: { exports: unknown },
      exports: unknown,
    ) => void;
    wrapped((spec) => this.load(path.relative(this.dist, path.resolve(path.dirname(full), spec))), module, module.exports);
    return module.exports;
  }
}

/** A page instance as WeChat makes one from the Page() config: its own copy of the data, the methods bound to it. */
function createInstance(config: PageConfig, route: string, options: Record<string, string>): PageInstance {
  const page: PageInstance = {
    ...config,
    route,
    options,
    data: clone(config.data ?? {}) as Record<string, Json>,
    setData(patch, callback) {
      // WeChat serialises the data to the view layer: functions and undefined are dropped.
      for (const [key, value] of Object.entries(patch)) setPath(page.data, key, value === undefined ? null : clone(value));
      if (callback) setTimeout(callback, 0);
    },
  };
  return page;
}

/** Applies one setData key ("root.cn.[0].v", "a.b[2].c") as WeChat does. */
function setPath(data: Record<string, Json>, key: string, value: Json): void {
  const parts = [...key.matchAll(/\[(\d+)\]|[^.[\]]+/g)].map((m) => (m[1] === undefined ? m[0] : Number(m[1])));
  let node: Json = data;
  parts.forEach((part, i) => {
    const container = node as Record<string | number, Json>;
    if (i === parts.length - 1) {
      container[part] = value;
      return;
    }
    const next = container[part];
    if (next === null || typeof next !== 'object') container[part] = typeof parts[i + 1] === 'number' ? [] : {};
    node = container[part] as Json;
  });
}

function clone(value: unknown): Json {
  return JSON.parse(JSON.stringify(value ?? null)) as Json;
}

/** Lets Taro's batched setData, the BFF's answers and React's effects run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
}

/**
 * Compiles the build's WXML with wcc and returns a renderer: page data in,
 * the element tree WeChat's view layer would draw out. Taro's `comp`
 * component (which continues trees deeper than base.wxml's templates) is
 * rendered from comp.wxml with the properties the page passed it.
 */
function templateRenderer(dist: string): (file: string, data: Json) => VNode {
  const compiled = compileWxml(dist);
  if (!compiled.ok) throw new Error(`wcc refused the build's templates:\n${compiled.errors}`);
  const sandbox: Record<string, unknown> = { window: {}, console };
  sandbox.__wxAppCode__ = {};
  vm.createContext(sandbox);
  vm.runInContext(compiled.output, sandbox, { filename: 'wcc-output.js' });
  const gwx = sandbox.$gwx as (file: string) => ((data: unknown, dd: object, global: object) => RawNode) | undefined;
  // The data crosses to the view as JSON, as WeChat sends it between its threads; parsed in the templates' own
  // realm, since wcc's runtime tells objects by `constructor === Object`.
  const parse = vm.runInContext('(function (text) { return JSON.parse(text); })', sandbox) as (text: string) => unknown;
  const render = (file: string, data: Json): VNode => {
    const generate = gwx(file);
    if (!generate) throw new Error(`wcc compiled no template ${file}`);
    return normalise(generate(parse(JSON.stringify(data)), {}, {}), render);
  };
  return render;
}

interface RawNode {
  tag?: string;
  attr?: Record<string, unknown>;
  children?: (RawNode | string)[];
}

/** wcc's tree with its wrapper nodes ("virtual", "wx-page") flattened, and `comp` components rendered in place. */
function normalise(raw: RawNode | string, render: (file: string, data: Json) => VNode): VNode {
  const flatten = (node: RawNode | string): (VNode | string)[] => {
    if (typeof node === 'string') return [node];
    const children = (node.children ?? []).flatMap(flatten);
    if (!node.tag || node.tag === 'virtual') return children;
    if (node.tag === 'wx-comp') return render('comp.wxml', (node.attr ?? {}) as Json).children;
    return [{ tag: node.tag, attr: node.attr ?? {}, children }];
  };
  if (typeof raw === 'string') return { tag: 'wx-page', attr: {}, children: [raw] };
  return { tag: 'wx-page', attr: {}, children: (raw.children ?? []).flatMap(flatten) };
}

export function textOf(node: VNode | string): string {
  if (typeof node === 'string') return node;
  return node.children
    .map(textOf)
    .join(node.tag === 'wx-view' ? ' ' : '')
    .replace(/\s+/g, ' ')
    .trim();
}

function matches(text: string, words: string | RegExp): boolean {
  return typeof words === 'string' ? text === words : words.test(text);
}

export function find(node: VNode, test: (node: VNode) => boolean): VNode | undefined {
  for (const child of node.children) {
    if (typeof child === 'string') continue;
    const inner = find(child, test);
    if (inner) return inner;
  }
  return test(node) ? node : undefined;
}

/** The innermost node passing `test` with a `binding` on itself or an ancestor, and that element. */
function findBound(node: VNode, binding: string, test: (node: VNode) => boolean, bound?: VNode): VNode | undefined {
  const handler = node.attr[binding] === 'eh' ? node : bound;
  for (const child of node.children) {
    if (typeof child === 'string') continue;
    const inner = findBound(child, binding, test, handler);
    if (inner) return inner;
  }
  return test(node) && handler ? handler : undefined;
}
