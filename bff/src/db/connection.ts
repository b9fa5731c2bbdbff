import mongoose from 'mongoose';

/**
 * Connects the process-wide mongoose connection. Commands are not buffered
 * while the database is away, so requests fail fast with a 503 instead of
 * hanging; the driver reconnects by itself when the database returns.
 */
export async function connectDatabase(uri: string, dbName?: string): Promise<typeof mongoose> {
  mongoose.set('strictQuery', true);
  return mongoose.connect(uri, {
    ...(dbName ? { dbName } : {}),
    bufferCommands: false,
    autoIndex: false,
    autoCreate: true,
    serverSelectionTimeoutMS: 3000,
    heartbeatFrequencyMS: 2000,
    // Also bounds the monitor's check: a database that hangs (frozen, not gone) is declared down and the
    // requests waiting on it are interrupted after this, instead of after the default 30 s.
    connectTimeoutMS: 4000,
    maxPoolSize: 20,
  });
}

/** Creates every model's indexes; run at start and in test setup. */
export async function ensureIndexes(): Promise<void> {
  for (const model of Object.values(mongoose.models)) {
    await model.createIndexes();
  }
}

/** True when the database answers a ping now. */
export async function databaseReady(): Promise<boolean> {
  const db = mongoose.connection.db;
  if (!db || mongoose.connection.readyState !== 1) return false;
  try {
    await db.admin().command({ ping: 1 }, { timeoutMS: 1000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * True for a unique-index violation. MongoDB answers E11000 for every write;
 * the embedded FerretDB (SQLite) does so for inserts but reports an update
 * that breaks a unique index only as SQLite's "UNIQUE constraint failed".
 */
export function isDuplicateKeyError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { code, message } = err as { code?: unknown; message?: unknown };
  return code === 11000 || (typeof message === 'string' && message.includes('UNIQUE constraint failed'));
}
