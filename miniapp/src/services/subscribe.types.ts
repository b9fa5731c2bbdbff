/** What each platform's subscribe module offers (subscribe.weapp.ts, subscribe.h5.ts). */
export interface SubscribeModule {
  /** Whether the platform has subscribe messages at all (WeChat does, a browser does not). */
  canSubscribe: boolean;
  /** Asks the resident to accept these subscribe-message templates; answers the ones accepted. */
  askToSubscribe: (templateIds: string[]) => Promise<string[]>;
}
