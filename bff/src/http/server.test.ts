import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeGracefully, createHttpServer, HEADERS_TIMEOUT_MS, KEEP_ALIVE_TIMEOUT_MS, listen } from './server';

/** A server whose every request waits until the test lets it answer, so "busy at the close" is a state, not a moment. */
async function heldServer() {
  let arrived!: () => void;
  const received = new Promise<void>((resolve) => (arrived = resolve));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const server = createHttpServer((_req, res) => {
    arrived();
    void released.then(() => res.end('ok'));
  });
  await listen(server, 0, '127.0.0.1');
  return { server, port: (server.address() as AddressInfo).port, received, release };
}

function get(port: number, agent: http.Agent): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: '/', agent }, (res) => resolve(res)).on('error', reject);
  });
}

describe('the HTTP server', () => {
  it('holds idle keep-alive connections longer than the 60 s of nginx and load balancers, and reads headers longer still', () => {
    const server = createHttpServer(() => undefined);
    expect(server.keepAliveTimeout).toBe(65_000);
    expect(server.headersTimeout).toBe(66_000);
    expect(HEADERS_TIMEOUT_MS).toBeGreaterThan(KEEP_ALIVE_TIMEOUT_MS);
  });

  it('tells a keep-alive client how long its idle connection is kept', async () => {
    const { server, port, release } = await heldServer();
    release();
    const agent = new http.Agent({ keepAlive: true });
    const res = await get(port, agent);
    res.resume();
    expect(res.headers.connection).toBe('keep-alive');
    expect(res.headers['keep-alive']).toBe('timeout=65');
    agent.destroy();
    await closeGracefully(server);
  });

  it('closes gracefully: a kept-alive request busy at the close gets its answer, then its connection is closed', async () => {
    const { server, port, received, release } = await heldServer();
    const agent = new http.Agent({ keepAlive: true });
    const answer = get(port, agent);
    await received;
    const closed = closeGracefully(server);
    release();
    const res = await answer;
    const socketClosed = new Promise<void>((resolve) => res.socket.once('close', () => resolve()));
    res.resume();
    expect(res.statusCode).toBe(200);
    // Without the sweep the server would keep this connection for KEEP_ALIVE_TIMEOUT_MS, past the test's timeout.
    await Promise.all([closed, socketClosed]);
    agent.destroy();
  }, 10_000);
});
