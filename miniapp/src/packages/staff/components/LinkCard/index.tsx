import type { Link } from '@minsheng/shared';
import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { ActionButton } from '../../../../components/ActionButton';
import { Notice, messageOf } from '../../../../components/Notice';
import { formatDateTime } from '../../../../format';
import { ApiError, NetworkError } from '../../../../services/request';
import { linkH5Address, loadStaffImage, savePoster } from '../../../../services/staffFiles';
import { posterFileName } from '../../../../services/staffLinks';
import { ShareButton } from './ShareButton';
import './index.scss';

interface Props {
  link: Link;
  /** Show the code at once (a link just made). */
  open?: boolean;
}

/** What a link is for, as staff say it. */
export function linkTitle(link: Pick<Link, 'programTitle'>): string {
  return link.programTitle ?? '全部服务';
}

/** One sign-up link with everything to share it: its code, the poster as image or PDF, the H5 address and WeChat's share. */
export function LinkCard({ link, open = false }: Props) {
  const [showCode, setShowCode] = useState(open);
  const [code, setCode] = useState<string | null>(null);
  const [busy, setBusy] = useState<'png' | 'pdf' | null>(null);
  const [error, setError] = useState<{ failure: unknown; fallback: string } | null>(null);
  const title = linkTitle(link);
  const h5Address = linkH5Address(link);

  useEffect(() => {
    if (!showCode || code !== null) return;
    let current = true;
    loadStaffImage(link.codeUrl).then(
      (src) => current && setCode(src),
      (failure: unknown) => current && setError({ failure, fallback: '小程序码暂时显示不了，请稍后再试' }),
    );
    return () => {
      current = false;
    };
  }, [showCode, code, link.codeUrl]);

  const save = (kind: 'png' | 'pdf') => {
    setBusy(kind);
    setError(null);
    savePoster(kind === 'png' ? link.posterPngUrl : link.posterUrl, posterFileName(link, kind), kind).then(
      () => {
        setBusy(null);
        if (kind === 'png') void Taro.showToast({ title: '海报已保存', icon: 'success' });
      },
      (failure: unknown) => {
        setBusy(null);
        // Not the BFF's refusal: the phone's own, e.g. no permission to save to the album.
        setError({ failure, fallback: kind === 'png' ? '没有保存成功：请在微信设置里允许保存到相册后再试' : 'PDF 暂时打不开，请稍后再试' });
      },
    );
  };

  return (
    <View className="card link-card">
      <Text className="link-card__title">{title}</Text>
      <Text className="page__hint">{`${link.communityName} · ${formatDateTime(link.createdAt)} 创建`}</Text>

      {showCode ? (
        <View className="link-card__code">
          {code ? (
            <Image className="link-card__image" src={code} mode="aspectFit" aria-label={`“${title}”的小程序码图片`} />
          ) : error ? null : (
            <Text className="page__hint">正在加载小程序码…</Text>
          )}
        </View>
      ) : (
        <ActionButton label={`显示“${title}”的小程序码`} onClick={() => setShowCode(true)}>
          显示小程序码
        </ActionButton>
      )}

      {error ? (
        <Notice tone="error" title="没有办成">
          <Text>
            {error.failure instanceof ApiError || error.failure instanceof NetworkError ? messageOf(error.failure) : error.fallback}
          </Text>
        </Notice>
      ) : null}

      <ActionButton kind="primary" busy={busy === 'png'} label={`保存“${title}”的海报图片`} onClick={() => save('png')}>
        保存海报图片
      </ActionButton>
      <ActionButton busy={busy === 'pdf'} label={`下载“${title}”的打印版海报（PDF）`} onClick={() => save('pdf')}>
        打印版海报（PDF）
      </ActionButton>
      <ShareButton linkId={link.id} label={`把“${title}”的链接转发给微信好友或群`} />

      <Text className="link-card__label">网页地址（可发到微信群）</Text>
      <Text className="link-card__address" selectable>
        {h5Address}
      </Text>
      <ActionButton
        label={`复制“${title}”的网页地址`}
        onClick={() =>
          void Taro.setClipboardData({ data: h5Address }).catch(() => Taro.showToast({ title: '复制失败，请长按地址复制', icon: 'none' }))
        }
      >
        复制网页地址
      </ActionButton>
    </View>
  );
}
