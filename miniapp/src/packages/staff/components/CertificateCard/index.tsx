import { CATEGORY_LABELS, type StaffCertificate } from '@minsheng/shared';
import { Text, View } from '@tarojs/components';
import { CardLink } from '../../../../components/CardLink';
import { CertificateStatusBadge } from '../../../../components/StatusBadge';
import { formatDate } from '../../../../format';
import '../QueueCard/index.scss';

interface Props {
  certificate: StaffCertificate;
  communityName?: string;
  onOpen: (id: string) => void;
}

/** The categories a certificate verifies, in words. */
export function categoriesText(certificate: Pick<StaffCertificate, 'categories'>): string {
  return certificate.categories.map((c) => CATEGORY_LABELS[c]).join('、') || '未选择类别';
}

/** One 就业创业证 application: who (ID number masked), where, what it verifies, its status and when it came in. */
export function CertificateCard({ certificate, communityName, onOpen }: Props) {
  return (
    <CardLink className="card queue-card certificate-card" onClick={() => onOpen(certificate.id)}>
      <View className="queue-card__head">
        <Text className="queue-card__number">{certificate.number ?? '就业创业证申请'}</Text>
        <CertificateStatusBadge status={certificate.status} />
      </View>
      <View className="queue-card__applicant">
        <Text className="queue-card__name">{certificate.name}</Text>
        <Text>{certificate.idNumberMasked}</Text>
      </View>
      <Text className="page__hint">{`${communityName ?? certificate.community} · ${categoriesText(certificate)}`}</Text>
      <View className="queue-card__foot">
        <Text className="queue-card__waiting">{`${formatDate(certificate.submittedAt)}提交`}</Text>
        {certificate.legacyClaim ? <Text className="queue-card__overdue">自填证号待核</Text> : null}
        <Text className="queue-card__more">{certificate.actions.length > 0 ? '处理 ›' : '查看 ›'}</Text>
      </View>
    </CardLink>
  );
}
