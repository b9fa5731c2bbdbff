// WeChat's own template and style compilers, wcc and wcsc, as the
// miniprogram-compiler package ships them (Linux, macOS and Windows builds).
// The DevTools and WeChat's upload run these same binaries on the weapp build:
// a template or style they refuse is a mini-program that cannot be uploaded.
// Used by scripts/check-weapp-compilers.mjs and by the weapp-test harness,
// which renders pages through the compiled templates.
const { spawnSync } = require('node:child_process');
const { accessSync, chmodSync, constants, existsSync, readdirSync, readFileSync } = require('node:fs');
const path = require('node:path');

const PLATFORM_DIR = { linux: 'linux', darwin: 'mac', win32: 'windows' };

/** The path of wcc or wcsc for this platform, made executable (npm unpacks it without the x bit). */
function binary(name) {
  const dir = PLATFORM_DIR[process.platform];
  if (!dir) throw new Error(`miniprogram-compiler ships no ${name} for ${process.platform}`);
  const file = path.join(
    path.dirname(require.resolve('miniprogram-compiler/package.json')),
    'bin',
    dir,
    process.platform === 'win32' ? `${name}.exe` : name,
  );
  try {
    accessSync(file, constants.X_OK);
  } catch {
    chmodSync(file, 0o755);
  }
  return file;
}

/** Every file under `dist` ending in `ext`, relative and with forward slashes, in a stable order. */
function filesOf(dist, ext, dir = '') {
  const found = [];
  for (const entry of readdirSync(path.join(dist, dir), { withFileTypes: true })) {
    const relative = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...filesOf(dist, ext, relative));
    else if (entry.name.endsWith(ext)) found.push(relative);
  }
  return found.sort();
}

/** The page or component JSON beside a template or style, if there is one. */
function jsonBeside(dist, file) {
  const json = path.join(dist, file.replace(/\.(wxml|wxss)$/, '.json'));
  return existsSync(json) ? JSON.parse(readFileSync(json, 'utf8')) : null;
}

function run(name, args, dist) {
  const result = spawnSync(binary(name), args, { cwd: dist, maxBuffer: 256 * 1024 * 1024 });
  if (result.error) throw result.error;
  const output = result.stdout.toString('utf8');
  const errors = result.stderr.toString('utf8').trim();
  return { ok: result.status === 0 && errors === '', status: result.status, output, errors };
}

/**
 * Compiles every WXML (and every .wxs) of the build with wcc, as one program the
 * way the DevTools do. `output` is the script that defines `$gwx`.
 */
function compileWxml(dist) {
  const templates = filesOf(dist, '.wxml');
  const modules = filesOf(dist, '.wxs');
  // wcc's custom-component argument: how many templates use components, then each one's path, count and tag names.
  const users = templates.flatMap((file) => {
    const tags = Object.keys(jsonBeside(dist, file)?.usingComponents ?? {});
    return tags.length > 0 ? [[file, tags.length, ...tags].join(' ')] : [];
  });
  const components = [users.length, ...users].join(' ');
  return { templates, modules, ...run('wcc', ['-d', '-cc', components, ...templates, ...modules, '-gn', '$gwx'], dist) };
}

/**
 * Compiles every WXSS of the build with wcsc. Pages' and components' styles go
 * first (`-pc` counts them), then the styles they import, as wcsc expects.
 */
function compileWxss(dist) {
  const all = filesOf(dist, '.wxss');
  const pages = all.filter((file) => jsonBeside(dist, file) !== null);
  const imported = all.filter((file) => !pages.includes(file));
  const result = run('wcsc', ['-db', '-pc', String(pages.length), ...pages, ...imported], dist);
  // wcsc reports some errors ("path not found from") on stdout with status 0.
  const inline = /ERR: [^\n]*/.exec(result.output);
  // A style wcsc gave nothing for, when it reported no error, is one it silently skipped.
  const missing = result.ok && !inline ? pages.filter((file) => !result.output.includes(`${file}=`)) : [];
  const errors = [result.errors, inline?.[0] ?? '', ...missing.map((file) => `${file}: wcsc produced no style for it`)]
    .filter(Boolean)
    .join('\n');
  return { styles: all, pages, ...result, ok: result.ok && errors === '', errors };
}

module.exports = { compileWxml, compileWxss, filesOf };
