import type { RandomBytesModule } from './randomBytes.types';

/** The browser's Web Crypto generator. */
export const randomBytes: RandomBytesModule['randomBytes'] = (length) => Promise.resolve(crypto.getRandomValues(new Uint8Array(length)));
