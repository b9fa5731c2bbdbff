import { rmSync } from 'node:fs';
import type { Stack } from '../e2e/stack';

export default async function globalTeardown(): Promise<void> {
  const started = (globalThis as { __minshengStack?: { stack: Stack; h5Dir: string } }).__minshengStack;
  if (!started) return;
  await started.stack.stop();
  rmSync(started.h5Dir, { recursive: true, force: true });
}
