import { startStack, type Stack } from './stack';

export default async function globalSetup(): Promise<void> {
  const stack = await startStack();
  process.env.E2E_APP_URL = stack.appUrl;
  process.env.E2E_BFF_URL = stack.bffUrl;
  (globalThis as { __stack?: Stack }).__stack = stack;
}
