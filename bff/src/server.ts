import mongoose from 'mongoose';
import { createApp } from './app';
import { ConfigError, loadConfig } from './config';
import { connectDatabase, ensureIndexes } from './db/connection';
import { provideMongo } from './db/provision';
import { closeGracefully, createHttpServer, listen } from './http/server';
import { createLogger } from './logger';
import { ensureMaterialIndexes } from './modules/materials/service';
import { seedCommunities } from './modules/communities/seed';
import { repairSlots } from './modules/applications/capacity';
import { ensureReadModels } from './modules/applications/read-models';
import { completePendingRevisions, sweepNotices } from './modules/applications/revision';
import { createNotificationWorker } from './modules/notifications/worker';
import { renameLegacyLoanAmounts } from './modules/applications/model';
import { ProgramModel } from './modules/programs/model';
import { dropLegacyOpenidIndex } from './modules/residents/model';
import { migrateTypedCertificates } from './modules/certificates/service';
import { seedPrograms } from './modules/programs/seed';
import { ensureFirstAdmin } from './modules/staff/service';
import { createWechatClient } from './wechat/client';
import { startWechatStandIn, type WechatStandIn } from './wechat/stand-in';

/** Starts the database (when local), the WeChat stand-in (when no app is configured) and the BFF. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const say = (line: string) => logger.info(line);

  const db = await provideMongo({ mongodbUri: config.MONGODB_URI, dataDir: config.DATA_DIR, log: say });
  say(db.description);
  await connectDatabase(db.uri, db.source === 'env' ? undefined : 'minsheng');
  if (await dropLegacyOpenidIndex()) say("Replaced the residents' openid index with a sparse one (assisted residents have no openid).");
  await ensureIndexes();
  await ensureMaterialIndexes();
  await seedCommunities();
  await seedPrograms();
  // Finishes changes a crash left claimed but unapplied, then frees places held by no approved application.
  const lastDay = new Date(Date.now() - 24 * 3600_000);
  await completePendingRevisions(lastDay);
  // The staff side's read models: rebuilt when missing or behind, else the last day's changes caught up.
  if ((await ensureReadModels(lastDay)) === 'rebuilt') say("Rebuilt the staff side's read models from the applications.");
  const claims = await migrateTypedCertificates();
  if (claims > 0) say(`Turned ${claims} typed certificate numbers into pending claims for the stations to check.`);
  const renamed = await renameLegacyLoanAmounts();
  if (renamed > 0) say(`Moved the approved amount of ${renamed} loans to loan.approvedFen.`);
  for (const program of await ProgramModel.find({ capacityTotal: { $ne: null } }, { _id: 1 }).lean()) {
    await repairSlots(program._id);
  }
  if (await ensureFirstAdmin(config.ADMIN_USERNAME, config.ADMIN_PASSWORD))
    say(`Created the first administrator "${config.ADMIN_USERNAME}".`);

  let standIn: WechatStandIn | undefined;
  let wechat = { baseUrl: config.WECHAT_API_BASE, appId: config.WECHAT_APP_ID ?? '', appSecret: config.WECHAT_APP_SECRET ?? '' };
  if (config.wechatStandIn) {
    standIn = await startWechatStandIn();
    wechat = { baseUrl: standIn.url, appId: standIn.appId, appSecret: standIn.appSecret };
    say(`No WECHAT_APP_ID/WECHAT_APP_SECRET: WeChat calls go to the stand-in at ${standIn.url}; log in with a code "dev:<name>".`);
  }

  const wechatClient = createWechatClient(wechat);
  const app = createApp({ config, logger, wechat: wechatClient });
  const server = createHttpServer(app.callback());
  await listen(server, config.PORT, config.HOST);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  say(`Minsheng BFF listening on http://${config.HOST}:${port} (API document: /api/openapi.json)`);

  // Sends residents' subscribe messages from the outbox; safe to run in every instance (leases decide).
  const notifier = createNotificationWorker({
    wechat: wechatClient,
    templateId: config.WECHAT_SUBSCRIBE_TEMPLATE_ID,
    leaseMs: config.NOTIFY_LEASE_MS,
    maxAttempts: config.NOTIFY_MAX_ATTEMPTS,
    backoffMs: config.NOTIFY_BACKOFF_MS,
    sweepMs: config.NOTIFY_SWEEP_MS,
    sweepWindowMs: config.NOTIFY_SWEEP_WINDOW_MS,
    sweep: sweepNotices,
    logger,
  });
  if (config.NOTIFY_INTERVAL_MS > 0) notifier.start(config.NOTIFY_INTERVAL_MS);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: finishing in-flight requests, refusing new ones`);
    const forced = setTimeout(() => {
      logger.error('shutdown took longer than 10 s; exiting');
      process.exit(1);
    }, 10_000);
    forced.unref();
    await closeGracefully(server);
    await notifier.stop();
    await mongoose.disconnect().catch(() => undefined);
    await standIn?.close();
    await db.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(`Minsheng BFF failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  }
  process.exit(1);
});
