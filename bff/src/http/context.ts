import type { ParameterizedContext } from 'koa';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { PiiCipher } from '../security/pii';
import type { TokenService } from '../security/tokens';
import type { WechatClient } from '../wechat/client';

/** What every request handler can reach, built once by createApp. */
export interface Deps {
  config: Config;
  logger: Logger;
  pii: PiiCipher;
  tokens: TokenService;
  wechat: WechatClient;
}

import type { StaffRole } from '@minsheng/shared';
export type { StaffRole };

export interface StaffPrincipal {
  id: string;
  username: string;
  name: string;
  role: StaffRole;
  communities: string[];
}

export interface AppState {
  requestId: string;
  resident?: { id: string };
  staff?: StaffPrincipal;
}

export interface AppContextExtras {
  deps: Deps;
  /** Path parameters, set by the router. */
  params: Record<string, string>;
}

export type AppContext = ParameterizedContext<AppState, AppContextExtras>;
