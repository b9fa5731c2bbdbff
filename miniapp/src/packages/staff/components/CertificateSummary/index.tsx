import { CATEGORY_LABELS, type CertificateSummary as Summary } from '@minsheng/shared';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ActionButton } from '../../../../components/ActionButton';
import { CertificateStatusBadge } from '../../../../components/StatusBadge';
import { formatDate } from '../../../../format';
import { staffRoutes } from '../../routes';

interface Props {
  certificate: Summary;
  /** The button that opens the record in 证件核验. */
  label: string;
}

/** A resident's latest 就业创业证 beside another record: number and status, issue date, categories, and a button to the record. */
export function CertificateSummaryCard({ certificate, label }: Props) {
  return (
    <View className="card">
      <View className="detail-head">
        <Text className="text-strong">{certificate.number ? `证号 ${certificate.number}` : '尚未发证'}</Text>
        <CertificateStatusBadge status={certificate.status} />
      </View>
      {certificate.issuedAt ? <Text className="page__hint">{`发证日期：${formatDate(certificate.issuedAt)}`}</Text> : null}
      {certificate.categories.length > 0 ? (
        <Text className="page__hint">{`核验类别：${certificate.categories.map((c) => CATEGORY_LABELS[c]).join('、')}`}</Text>
      ) : null}
      <ActionButton onClick={() => void Taro.navigateTo({ url: staffRoutes.certificate(certificate.id) })}>{label}</ActionButton>
    </View>
  );
}
