/** What each platform's random module offers (randomBytes.weapp.ts, randomBytes.h5.ts). */
export interface RandomBytesModule {
  /** `length` bytes from the platform's cryptographically secure generator. */
  randomBytes: (length: number) => Promise<Uint8Array>;
}
