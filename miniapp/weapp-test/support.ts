import { Weapp } from './runtime';

export { ADMIN } from './global-setup';

/** The BFF process weapp-test/global-setup.ts started. */
export function bffUrl(): string {
  const url = process.env.WEAPP_BFF_URL;
  if (!url) throw new Error('weapp-test/global-setup.ts did not start the BFF');
  return url;
}

/** A fresh cold start of the weapp build, for a resident whose WeChat hands out `dev:<resident>` login codes. */
export function weappFor(resident: string): Weapp {
  const weapp = new Weapp({ bffUrl: bffUrl(), loginCode: `dev:${resident}` });
  launched.push(weapp);
  return weapp;
}

const launched: Weapp[] = [];
afterAll(() => {
  for (const weapp of launched.splice(0)) weapp.close();
});
