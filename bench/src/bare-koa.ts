// The baseline of the catalog read: a bare Koa server answering every request
// with the bytes the BFF answered GET /api/programs with, and nothing else.
import { readFileSync } from 'node:fs';
import Koa from 'koa';

const body = readFileSync(process.env.BODY_FILE ?? '');
const app = new Koa();
app.use((ctx) => {
  ctx.type = 'application/json; charset=utf-8';
  ctx.body = body;
});
const server = app.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('ready\n'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
