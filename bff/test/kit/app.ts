import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { Writable } from 'node:stream';
import supertest from 'supertest';
import { createApp, type App } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import { connectDatabase, ensureIndexes } from '../../src/db/connection';
import { createHttpServer, listen } from '../../src/http/server';
import { createLogger } from '../../src/logger';
import { ensureReadModels } from '../../src/modules/applications/read-models';
import { ensureMaterialIndexes } from '../../src/modules/materials/service';
import { seedCommunities } from '../../src/modules/communities/seed';
import { seedPrograms } from '../../src/modules/programs/seed';
import { createStaff } from '../../src/modules/staff/service';
import { createWechatClient } from '../../src/wechat/client';
import { startWechatStandIn, type WechatStandIn } from '../../src/wechat/stand-in';
import type { StaffRole } from '@minsheng/shared';
import type { StaffMember } from './client';
import { testKit, type KitTarget, type TestKit } from './kit';

/** A collection of the test file's database, read raw (as stored, without mongoose's casting). */
export function rawCollection(name: string): mongoose.mongo.Collection {
  const db = mongoose.connection.db;
  if (!db) throw new Error('the test database is not connected');
  return db.collection(name);
}

/** The app of one test file; `testKit(t)` gives its actors. */
export interface TestContext extends KitTarget {
  app: App;
  config: Config;
  /** A supertest agent bound to the app listening on 127.0.0.1. */
  http: supertest.Agent;
  baseUrl: string;
  standIn: WechatStandIn;
  /** Every log line the app wrote, for checks that personal data stays out. */
  logs: string[];
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Seed the programmes of the catalog (the communities are always seeded); yes unless false. */
  seedCatalog?: boolean;
  /** Configuration over the test defaults, e.g. short token lifetimes. */
  env?: Record<string, string>;
}

/**
 * Boots the real app for one test file: a database of its own on the test
 * engine, the WeChat stand-in, the seed catalog, and an HTTP server on
 * loopback. Nothing is mocked.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestContext> {
  const uri = process.env.MINSHENG_TEST_MONGODB_URI;
  if (!uri) throw new Error('the Jest global setup did not provide a database');
  const dbName = `t_${path
    .basename(expect.getState().testPath ?? 'x')
    .replace(/\W/g, '_')
    .slice(0, 30)}_${randomBytes(3).toString('hex')}`;
  await connectDatabase(uri, dbName);
  await ensureIndexes();
  await ensureMaterialIndexes();
  await seedCommunities();
  if (options.seedCatalog !== false) await seedPrograms();
  await ensureReadModels(new Date(Date.now() - 24 * 3600_000));

  const standIn = await startWechatStandIn();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'minsheng-test-')),
    TOKEN_SECRET: randomBytes(32).toString('base64url'),
    PII_KEY: randomBytes(32).toString('base64'),
    WECHAT_API_BASE: standIn.url,
    WECHAT_APP_ID: standIn.appId,
    WECHAT_APP_SECRET: standIn.appSecret,
    ...options.env,
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const app = createApp({
    config,
    logger: createLogger('info', sink),
    wechat: createWechatClient({ baseUrl: standIn.url, appId: standIn.appId, appSecret: standIn.appSecret }),
  });
  const server = createHttpServer(app.callback());
  await listen(server, 0, '127.0.0.1');
  const address = server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  return {
    app,
    config,
    http: supertest.agent(baseUrl),
    baseUrl,
    standIn,
    logs,
    async createStaff(account) {
      return String((await createStaff(account))._id);
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // The test is over: nothing in flight is waited for (a kept-alive connection would hold the close for a minute).
      server.closeAllConnections();
      await closed;
      await standIn.close();
      await mongoose.connection.dropDatabase().catch(() => undefined);
      await mongoose.disconnect();
    },
  };
}

/** The app of a test file with its actors: `t.http`, `t.kit.resident()`, and the staff it was asked for. */
export interface TestApp extends TestContext {
  kit: TestKit;
}

/**
 * The app of this test file, started before its tests (`beforeAll`) and closed
 * after them: call it once at the top of the file and read what it answers
 * inside tests and hooks. Each role in `staff` is made and logged in once, as
 * `t.admin`, `t.reviewer`, `t.officer` (of jmjy); `setup` adds the file's own
 * fixtures (other staff, a programme), read the same way.
 */
export function useTestApp<R extends StaffRole = never, F extends object = Record<never, never>>(
  options: TestAppOptions & { staff?: readonly R[] } = {},
  setup?: (t: TestApp & Record<R, StaffMember>) => Promise<F>,
): TestApp & Record<R, StaffMember> & F {
  let started: (TestApp & Record<string, unknown>) | null = null;
  beforeAll(async () => {
    const context = await startTestApp(options);
    const withStaff: TestApp & Record<string, unknown> = { ...context, kit: testKit(context) };
    for (const role of options.staff ?? []) withStaff[role] = await withStaff.kit.staff(role);
    started = withStaff;
    if (setup) started = { ...withStaff, ...(await setup(withStaff as TestApp & Record<R, StaffMember>)) };
  });
  afterAll(() => started?.close());
  return new Proxy({} as TestApp & Record<R, StaffMember> & F, {
    get(_, key) {
      if (!started) throw new Error(`the test app is not started: read t.${String(key)} inside a test or hook`);
      return started[key as string];
    },
  });
}
