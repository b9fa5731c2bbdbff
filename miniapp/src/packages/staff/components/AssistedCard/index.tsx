import { CONSENT_STATUS_LABELS, type AssistedResident } from '@minsheng/shared';
import { Text, View } from '@tarojs/components';
import { CardLink } from '../../../../components/CardLink';

interface Props {
  resident: AssistedResident;
  onOpen: (id: string) => void;
}

/** One assisted resident: name, masked ID number, community, consent, and whether they joined with WeChat. */
export function AssistedCard({ resident, onOpen }: Props) {
  return (
    <CardLink className="card" onClick={() => onOpen(resident.id)}>
      <View className="row">
        <Text className="row__text text-strong">{resident.name}</Text>
        <Text>{resident.idNumberMasked}</Text>
      </View>
      <Text className="page__hint">{`${resident.street} ${resident.communityName} · ${resident.mobileMasked}`}</Text>
      <Text className="page__hint">{`授权：${CONSENT_STATUS_LABELS[resident.consent.status]}${resident.joined ? ' · 本人已用微信登录' : ''}`}</Text>
    </CardLink>
  );
}
