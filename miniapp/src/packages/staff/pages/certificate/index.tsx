import {
  CERTIFICATE_ACTIONS,
  CERTIFICATE_ACTION_LABELS,
  CERTIFICATE_STATUS_LABELS,
  STAFF_ROLE_LABELS,
  type CertificateAction,
  type StaffCertificate,
  type StaffCertificateDetail,
} from '@minsheng/shared';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { Facts, type Fact } from '../../../../components/Facts';
import { Loadable } from '../../../../components/Loadable';
import { Page } from '../../../../components/Page';
import { CertificateStatusBadge } from '../../../../components/StatusBadge';
import { formatDate, formatDateTime } from '../../../../format';
import { getStaffCertificate, openCertificateMaterial } from '../../../../services/staffCertificates';
import { categoriesText } from '../../components/CertificateCard';
import { MaterialsSection } from '../../components/MaterialItem';
import { StepActions } from '../../components/StepActions';
import { CertificateDecision, DANGEROUS_CERTIFICATE_ACTIONS, certificateFailure } from '../../components/CertificateDecision';
import { CERTIFICATE_CHANGED } from '../../routes';
import { useStepPage } from '../../useStepPage';
import '../detail/index.scss';

const HISTORY_LABELS: Record<StaffCertificate['history'][number]['action'], string> = {
  apply: '提交申请',
  claim: '自填证号转为待核查',
  ...CERTIFICATE_ACTION_LABELS,
};

// Who took a step, by role: staff names stay off the resident's record.
const ACTOR_LABELS: Record<string, string> = { resident: '居民本人', system: '系统', ...STAFF_ROLE_LABELS };

function certificateFacts(certificate: StaffCertificate, communityName: string | undefined): Fact[] {
  return [
    { label: '身份证号', value: certificate.idNumberMasked },
    { label: '所在社区', value: communityName ?? certificate.community },
    { label: '核验类别', value: categoriesText(certificate) },
    { label: '提交日期', value: formatDate(certificate.submittedAt) },
    ...(certificate.number ? [{ label: '证号', value: certificate.number }] : []),
    ...(certificate.issuedAt ? [{ label: '发证日期', value: formatDate(certificate.issuedAt) }] : []),
    ...(certificate.claimedNumber ? [{ label: '居民自填证号', value: `${certificate.claimedNumber}（待核实）` }] : []),
    ...(certificate.reason ? [{ label: '原因', value: certificate.reason }] : []),
  ];
}

/** One 就业创业证 application: who, what it verifies, its evidence and history, and the steps the viewer's role may take. */
export default function StaffCertificateDetail() {
  const id = useRouter().params.id ?? '';
  const { data, staff, names, chosen, choose, succeeded, failed, notice } = useStepPage<StaffCertificateDetail, CertificateAction>(
    () => getStaffCertificate(id),
    [id],
    { changed: CERTIFICATE_CHANGED, failure: certificateFailure },
  );

  const done = (action: CertificateAction) => (updated: StaffCertificateDetail) => {
    data.set(updated);
    const number = updated.number && action === 'approve' ? `，证号 ${updated.number}` : '';
    succeeded(`已${CERTIFICATE_ACTION_LABELS[action]}`, `证件现在的状态：${CERTIFICATE_STATUS_LABELS[updated.status]}${number}`);
  };

  if (!staff) return <Page>{null}</Page>;

  return (
    <Page>
      {notice}
      <Loadable remote={data}>
        {(certificate) => {
          const actions = CERTIFICATE_ACTIONS.filter((a) => certificate.actions.includes(a));
          return (
            <View>
              <View className="card">
                <View className="detail-head">
                  <Text className="detail-head__number">{certificate.name}</Text>
                  <CertificateStatusBadge status={certificate.status} />
                </View>
                <Facts facts={certificateFacts(certificate, names.get(certificate.community))} />
              </View>

              <MaterialsSection
                title="证明材料"
                materials={certificate.materials}
                hint={
                  certificate.materials.length === 0
                    ? '没有上传材料：请居民到社区劳动保障站出示原件。'
                    : '请逐份查看居民上传的证明材料，并与原件核对。'
                }
                name={(_material, index) => `证明材料 ${index + 1}`}
                open={(m) => openCertificateMaterial(certificate.id, m)}
              />

              <View className="section">
                <Text className="section__title">办理经过</Text>
                <View className="card">
                  {certificate.history.map((entry) => (
                    <Text key={`${entry.at}-${entry.action}`} className="page__hint">
                      {`${formatDateTime(entry.at)} ${HISTORY_LABELS[entry.action]} · ${ACTOR_LABELS[entry.actorRole] ?? entry.actorRole}${entry.reason ? `：${entry.reason}` : ''}`}
                    </Text>
                  ))}
                </View>
              </View>

              <StepActions
                actions={actions}
                chosen={chosen}
                choose={choose}
                label={(action) => CERTIFICATE_ACTION_LABELS[action]}
                kind={(action) =>
                  action === 'approve' || action === 'check'
                    ? 'primary'
                    : DANGEROUS_CERTIFICATE_ACTIONS.includes(action)
                      ? 'danger'
                      : 'secondary'
                }
                none="这份证件当前没有您可以进行的操作。"
                form={(action) => (
                  <CertificateDecision
                    key={`${action}-${certificate.version}`}
                    certificate={certificate}
                    action={action}
                    actor={staff.role}
                    onDone={done(action)}
                    onFailed={failed}
                    onCancel={() => choose(null)}
                  />
                )}
              />
            </View>
          );
        }}
      </Loadable>
    </Page>
  );
}
