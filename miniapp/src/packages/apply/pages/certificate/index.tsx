import { CERTIFICATE_CLOSED, CERTIFICATE_TITLE, CERTIFICATE_WAITING, type Certificate, type MeResponse } from '@minsheng/shared';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ActionButton } from '../../../../components/ActionButton';
import { Loadable } from '../../../../components/Loadable';
import { Notice } from '../../../../components/Notice';
import { Page } from '../../../../components/Page';
import { formatDate } from '../../../../format';
import { useRemote } from '../../../../hooks/useRemote';
import { routes } from '../../../../routes';
import { applyForCertificate, getMyCertificate } from '../../../../services/certificates';
import { getMe } from '../../../../services/me';
import { CertificateApplyForm, certifiedOf } from '../../components/CertificateApplyForm';

interface Loaded {
  certificate: Certificate | null;
  profile: MeResponse['profile'];
}

async function load(): Promise<Loaded> {
  const [{ certificate }, { profile }] = await Promise.all([getMyCertificate(), getMe()]);
  return { certificate, profile };
}

/** Where the record stands, in plain words: the number and issue date once issued, the reason of a refusal. */
function CertificateStatus({ certificate }: { certificate: Certificate }) {
  return (
    <View className="card">
      <Text className="page__hint">状态：{certificate.statusLabel}</Text>
      {certificate.number ? <Text className="page__hint">证号：{certificate.number}</Text> : null}
      {certificate.issuedAt ? <Text className="page__hint">发证日期：{formatDate(certificate.issuedAt)}</Text> : null}
      {certificate.reason ? <Text className="page__hint">原因：{certificate.reason}</Text> : null}
      <Text className="page__hint">申请日期：{formatDate(certificate.submittedAt)}</Text>
    </View>
  );
}

/** The resident's 就业创业证: where it stands, and the form to apply (again, after a refusal or cancellation). */
export default function CertificatePage() {
  const data = useRemote(load, [], { refreshOnShow: true });
  return (
    <Page>
      <Text className="page__title">{CERTIFICATE_TITLE}</Text>
      <Loadable remote={data}>
        {({ certificate, profile }) => {
          const canApply = !certificate || CERTIFICATE_CLOSED.includes(certificate.status);
          return (
            <View>
              {certificate ? (
                <CertificateStatus certificate={certificate} />
              ) : (
                <Text className="page__hint">您还没有申请{CERTIFICATE_TITLE}。</Text>
              )}
              {certificate && CERTIFICATE_WAITING.includes(certificate.status) ? (
                <Notice tone="info" title="正在办理">
                  <Text>工作人员核查、审批后会在“消息通知”里告诉您结果。</Text>
                </Notice>
              ) : null}
              {canApply && !profile ? (
                <Notice tone="warning" title="请先填写实名信息">
                  <Text>申请{CERTIFICATE_TITLE}前，请先填写姓名、身份证号和所在社区。</Text>
                  <ActionButton onClick={() => void Taro.navigateTo({ url: routes.profile })}>填写实名信息</ActionButton>
                </Notice>
              ) : null}
              {canApply && profile ? (
                <CertificateApplyForm
                  key={certificate?.id ?? 'first'}
                  initialCategories={certifiedOf(profile.categories)}
                  submit={async (request) => {
                    const submitted = await applyForCertificate(request);
                    data.set({ certificate: submitted, profile });
                  }}
                  onSubmitted={() => void Taro.showToast({ title: '申请已提交', icon: 'success' })}
                />
              ) : null}
            </View>
          );
        }}
      </Loadable>
    </Page>
  );
}
