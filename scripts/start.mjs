// npm start: the BFF (which brings up the database and the WeChat stand-in)
// plus the mini-program's H5 build served on 127.0.0.1:10086, so a person can
// click through the product in a browser.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import h5Server from './h5-server.cjs';

const { startH5Server } = h5Server;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const h5Dir = path.join(root, 'miniapp', 'dist', 'h5');
const H5_PORT = Number(process.env.H5_PORT ?? 10086);
const H5_HOST = process.env.HOST ?? '127.0.0.1';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function h5IsStale() {
  const index = path.join(h5Dir, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return [path.join(root, 'miniapp', 'src'), path.join(root, 'shared', 'src')].some((dir) => newestMtime(dir) > built);
}

if (h5IsStale()) {
  console.log('Building the mini-program for H5 (about 15 s)...');
  const build = spawnSync('npm', ['run', 'build:h5', '-w', '@minsheng/miniapp'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('The H5 build failed; the API still starts.');
  }
}

// The server itself (node with tsx as a loader), not npm or the tsx command:
// each of those runs it one process further down, where a signal sent to
// this script did not reach it and the server outlived `npm start`.
const bff = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { cwd: path.join(root, 'bff'), stdio: 'inherit' });

const apiTarget = `http://127.0.0.1:${process.env.PORT ?? 3000}`;
const h5 = existsSync(path.join(h5Dir, 'index.html'))
  ? await startH5Server({ dir: h5Dir, port: H5_PORT, host: H5_HOST, apiTarget })
  : undefined;
if (h5) console.log(`Mini-program (H5) at ${h5.url}/ — API calls pass through to ${apiTarget}; in development, log in with any name.`);

const stop = (signal) => bff.kill(signal);
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
bff.on('exit', async (code) => {
  await h5?.close();
  process.exit(code ?? 0);
});
