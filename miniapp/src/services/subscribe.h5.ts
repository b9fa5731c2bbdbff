import type { SubscribeModule } from './subscribe.types';

/** A browser has no WeChat subscribe messages: nothing to ask; the in-app messages are all there is. */
export const canSubscribe: SubscribeModule['canSubscribe'] = false;

export const askToSubscribe: SubscribeModule['askToSubscribe'] = () => Promise.resolve([]);
