export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __weappStack?: () => Promise<void> }).__weappStack?.();
}
