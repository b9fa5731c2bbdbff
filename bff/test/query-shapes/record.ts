// Jest setup file of the BFF suites: records the shape of every query the
// product sends (test/global-setup.ts opens the test database with command
// monitoring), one file per worker, for check.ts to hold against the declared
// indexes when the run ends. A query the test itself sends (a raw read to
// check what was stored) is not the product's and is left out.
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import mongoose from 'mongoose';
import { shapeKey, shapesOfCommand } from './shapes';

const dir = process.env.MINSHENG_QUERY_SHAPES_DIR;
const seen = new Set<string>();
const watched = new WeakSet<object>();
const file = dir ? path.join(dir, `worker-${process.env.JEST_WORKER_ID ?? '1'}-${process.pid}.jsonl`) : '';

/** The first frame of our own code that asked: a test's own query when it is a test file or the kit. */
function askedByTest(stack: string): boolean | undefined {
  for (const line of stack.split('\n').slice(1)) {
    const m = /\((\/[^):]+)|at (\/[^:]+)/.exec(line);
    const where = m?.[1] ?? m?.[2];
    if (!where || where.includes('/node_modules/') || where.startsWith('node:')) continue;
    // This recorder's own frames; the checker's tests beside it are tests like any other.
    if (where.includes('/test/query-shapes/') && !where.endsWith('.test.ts')) continue;
    if (!where.includes('/bff/')) continue;
    return /\.test\.ts$/.test(where) || /\/bff\/(src\/)?test\//.test(where) || where.includes('/bff/src/reliability/');
  }
  return undefined;
}

function record(event: mongoose.mongo.CommandStartedEvent): void {
  const shapes = shapesOfCommand(event.commandName, event.command);
  if (shapes.length === 0) return;
  if (askedByTest(new Error().stack ?? '')) return;
  const state = expect.getState();
  const test = `${path.relative(process.cwd(), state.testPath ?? '?')} › ${state.currentTestName ?? '(before or after all)'}`;
  for (const shape of shapes) {
    const key = shapeKey(shape);
    if (seen.has(key)) continue;
    seen.add(key);
    appendFileSync(file, `${JSON.stringify({ key, shape, test })}\n`);
  }
}

if (dir) {
  mkdirSync(dir, { recursive: true });
  mongoose.connection.on('connected', () => {
    const client = mongoose.connection.getClient();
    if (watched.has(client)) return;
    watched.add(client);
    client.on('commandStarted', record);
  });
}
