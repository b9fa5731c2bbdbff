import type { ParameterizedContext } from 'koa';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { PiiCipher } from '../security/pii';
import type { TokenService } from '../security/tokens';
import type { WechatClient } from '../wechat/client';
import type { CommunityScope } from './scope';

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
  /** Where this staff member may look and act, decided once when the token is read. */
  scope: CommunityScope;
}

export interface ResidentPrincipal {
  id: string;
}

export interface AppState {
  requestId: string;
  /** Set by authentication (middleware/auth.ts); handlers receive them from their route spec instead. */
  resident?: ResidentPrincipal;
  staff?: StaffPrincipal;
  /** The presented token's id and expiry, set by authentication: what a logout revokes. */
  session?: { id: string; expiresAt: Date };
}

export interface AppContextExtras {
  deps: Deps;
  /** Path parameters, set by the router. */
  params: Record<string, string>;
}

export type AppContext = ParameterizedContext<AppState, AppContextExtras>;
