import Taro from '@tarojs/taro';
import type { SubscribeModule } from './subscribe.types';

export const canSubscribe: SubscribeModule['canSubscribe'] = true;

/**
 * WeChat's one-time subscription dialog (wx.requestSubscribeMessage). A
 * refusal, a template the resident banned or a dialog WeChat did not show
 * is simply not accepted: the in-app message still comes.
 */
export const askToSubscribe: SubscribeModule['askToSubscribe'] = async (templateIds) => {
  if (templateIds.length === 0) return [];
  try {
    // Answers { [templateId]: 'accept' | 'reject' | 'ban' | 'filter', errMsg }.
    const result: Record<string, unknown> = { ...(await Taro.requestSubscribeMessage({ tmplIds: templateIds, entityIds: [] })) };
    return templateIds.filter((id) => result[id] === 'accept');
  } catch {
    return [];
  }
};
