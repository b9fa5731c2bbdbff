import { CERTIFICATE_TITLE } from '@minsheng/shared';
import { Text, View } from '@tarojs/components';
import { Loadable } from '../../../../components/Loadable';
import { Page } from '../../../../components/Page';
import { formatDate } from '../../../../format';
import { useRemote } from '../../../../hooks/useRemote';
import { getMyCertificate } from '../../../../services/certificates';

/** The resident's 就业创业证: its status in plain words, the number and issue date once issued, the reason of a refusal. */
export default function CertificatePage() {
  const data = useRemote(() => getMyCertificate(), [], { refreshOnShow: true });
  return (
    <Page>
      <Text className="page__title">{CERTIFICATE_TITLE}</Text>
      <Loadable remote={data}>
        {({ certificate }) => {
          if (!certificate) return <Text className="page__hint">您还没有申请{CERTIFICATE_TITLE}。</Text>;
          return (
            <View className="card">
              <Text className="page__hint">状态：{certificate.statusLabel}</Text>
              {certificate.number ? <Text className="page__hint">证号：{certificate.number}</Text> : null}
              {certificate.issuedAt ? <Text className="page__hint">发证日期：{formatDate(certificate.issuedAt)}</Text> : null}
              {certificate.reason ? <Text className="page__hint">原因：{certificate.reason}</Text> : null}
            </View>
          );
        }}
      </Loadable>
    </Page>
  );
}
