import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import proxyaddr from 'proxy-addr';
import { z } from 'zod';

/** The repository root, where the git-ignored `.data/` folder lives by default. */
export const REPO_ROOT = path.resolve(__dirname, '../..');

/** The directories searched for programs (PATH): the embedded database looks for a `mongod` there. */
export function searchPath(): string {
  return process.env.PATH ?? '';
}

const base64Key = z
  .string()
  .refine((s) => Buffer.from(s, 'base64').length === 32, { error: 'must be 32 bytes, base64-encoded (openssl rand -base64 32)' });

const csv = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, { error: 'must start with mongodb:// or mongodb+srv://' })
    .optional(),
  DATA_DIR: z.string().min(1).default(path.join(REPO_ROOT, '.data')),
  TOKEN_SECRET: z.string().min(32, { error: 'must be at least 32 characters' }).optional(),
  PII_KEY: base64Key.optional(),
  RESIDENT_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(7 * 24 * 3600),
  STAFF_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(12 * 3600),
  WECHAT_APP_ID: z.string().min(1).optional(),
  WECHAT_APP_SECRET: z.string().min(1).optional(),
  WECHAT_API_BASE: z.url({ error: 'must be a URL' }).default('https://api.weixin.qq.com'),
  /**
   * The proxies whose X-Forwarded-For is believed, for the client address the login throttle keys on:
   * addresses, CIDR ranges or proxy-addr's names (loopback, linklocal, uniquelocal). The default is the
   * H5 server of `npm start` on the same machine (scripts/h5-server.cjs), which appends its peer.
   */
  TRUSTED_PROXIES: csv.default(['loopback']).refine(
    (list) => {
      try {
        proxyaddr.compile(list);
        return true;
      } catch {
        return false;
      }
    },
    { error: 'must be IP addresses, CIDR ranges or loopback/linklocal/uniquelocal, comma-separated' },
  ),
  CORS_ORIGINS: csv.default(['http://127.0.0.1:10086', 'http://localhost:10086']),
  JSON_BODY_LIMIT: z
    .string()
    .regex(/^\d+(kb|mb)$/)
    .default('100kb'),
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(10 * 1024 * 1024),
  ADMIN_USERNAME: z.string().min(3).optional(),
  ADMIN_PASSWORD: z.string().min(8, { error: 'must be at least 8 characters' }).optional(),
  APPLICATION_NUMBER_PREFIX: z
    .string()
    .regex(/^[A-Z]{1,4}$/)
    .default('YH'),
  POSTER_FONT: z.string().min(1).optional(),
  POSTER_FONT_NAME: z.string().min(1).optional(),
  /** The subscribe-message template (订阅消息模板) for application progress, from the mini-program's console. */
  WECHAT_SUBSCRIBE_TEMPLATE_ID: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .default('dev-application-progress'),
  /** The notification worker: how often it looks for due messages (0 = not started), how long a lease lasts. */
  NOTIFY_INTERVAL_MS: z.coerce.number().int().min(0).default(2000),
  // A lease must outlive a WeChat call (5 s timeout) plus the margin the worker keeps for recording its outcome.
  NOTIFY_LEASE_MS: z.coerce.number().int().min(8000, { error: 'must be at least 8000 (WeChat timeout 5 s + 2 s margin)' }).default(60_000),
  NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  /** First retry after this long, doubling each time (capped at an hour). */
  NOTIFY_BACKOFF_MS: z.coerce.number().int().min(10).default(30_000),
  /** How often the worker re-files notices a crash left unfiled, and how far back it looks. */
  NOTIFY_SWEEP_MS: z.coerce.number().int().min(100).default(60_000),
  NOTIFY_SWEEP_WINDOW_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(24 * 3600_000),
});

export type Env = z.infer<typeof envSchema>;

export interface Config extends Omit<Env, 'TOKEN_SECRET' | 'PII_KEY'> {
  TOKEN_SECRET: string;
  PII_KEY: string;
  /** True when no WeChat app is configured: the BFF talks to our stand-in. */
  wechatStandIn: boolean;
  /** The CJK font of sign-up posters (a .ttc needs the PostScript name of one face), or null when none is installed. */
  posterFont: { path: string; name?: string } | null;
}

/** Debian's CJK fonts, in order of preference: fonts-noto-cjk, fonts-wqy-microhei, fonts-wqy-zenhei. */
const POSTER_FONT_CANDIDATES = [
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', name: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', name: 'WenQuanYiMicroHei' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', name: 'WenQuanYiZenHei' },
];

function posterFont(e: Env): Config['posterFont'] {
  if (e.POSTER_FONT) {
    if (!existsSync(e.POSTER_FONT)) throw new ConfigError(`Invalid configuration:\n  POSTER_FONT: no such file ${e.POSTER_FONT}`);
    return e.POSTER_FONT_NAME ? { path: e.POSTER_FONT, name: e.POSTER_FONT_NAME } : { path: e.POSTER_FONT };
  }
  return POSTER_FONT_CANDIDATES.find((f) => existsSync(f.path)) ?? null;
}

export class ConfigError extends Error {}

/**
 * Reads and validates the environment once. Outside production, missing
 * secrets are generated once into DATA_DIR/secrets.json so that restarts keep
 * tokens and encrypted ID numbers readable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const wechatStandIn = !e.WECHAT_APP_ID || !e.WECHAT_APP_SECRET;

  if (e.NODE_ENV === 'production') {
    const missing = (['TOKEN_SECRET', 'PII_KEY', 'MONGODB_URI', 'WECHAT_APP_ID', 'WECHAT_APP_SECRET'] as const).filter((k) => !e[k]);
    if (missing.length > 0) {
      throw new ConfigError(`NODE_ENV=production needs these variables set: ${missing.join(', ')}`);
    }
  }
  const secrets = e.TOKEN_SECRET && e.PII_KEY ? { TOKEN_SECRET: e.TOKEN_SECRET, PII_KEY: e.PII_KEY } : devSecrets(e.DATA_DIR);
  return {
    ...e,
    TOKEN_SECRET: e.TOKEN_SECRET ?? secrets.TOKEN_SECRET,
    PII_KEY: e.PII_KEY ?? secrets.PII_KEY,
    wechatStandIn,
    posterFont: posterFont(e),
  };
}

function devSecrets(dataDir: string): { TOKEN_SECRET: string; PII_KEY: string } {
  const file = path.join(dataDir, 'secrets.json');
  if (existsSync(file)) {
    const stored = z.object({ TOKEN_SECRET: z.string().min(32), PII_KEY: base64Key }).safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (stored.success) return stored.data;
    throw new ConfigError(`${file} is damaged; delete it to generate new development keys (stored ID numbers become unreadable)`);
  }
  const fresh = { TOKEN_SECRET: randomBytes(48).toString('base64url'), PII_KEY: randomBytes(32).toString('base64') };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(fresh, null, 2), { mode: 0o600 });
  return fresh;
}
