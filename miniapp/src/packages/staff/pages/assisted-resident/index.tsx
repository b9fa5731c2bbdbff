import {
  CATEGORY_LABELS,
  CERTIFICATE_CLOSED,
  CERTIFICATE_TITLE,
  CONSENT_STATUS_LABELS,
  HOUSEHOLD_TYPE_LABELS,
  type AssistedResidentDetail,
  type StaffCertificate,
} from '@minsheng/shared';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useMemo, useState } from 'react';
import { ActionButton } from '../../../../components/ActionButton';
import { Facts } from '../../../../components/Facts';
import { Loadable } from '../../../../components/Loadable';
import { messageOf, Notice } from '../../../../components/Notice';
import { Page } from '../../../../components/Page';
import { assistedByText, formatDateTime } from '../../../../format';
import { useRemote } from '../../../../hooks/useRemote';
import { usePullToRefresh } from '../../../../hooks/usePullToRefresh';
import { choosePhoto } from '../../../../services/photo';
import { ApiError } from '../../../../services/request';
import { listPrograms } from '../../../../services/programs';
import { getAssisted, materialUploaderFor, uploadConsentForm } from '../../../../services/staffAssisted';
import { applyForCertificateFor } from '../../../../services/staffCertificates';
import { CertificateApplyForm, certifiedOf } from '../../../apply/components/CertificateApplyForm';
import { assistedRoutes } from '../../assistedRoutes';
import { CertificateSummaryCard } from '../../components/CertificateSummary';
import { QueueCard } from '../../components/QueueCard';
import { staffRoutes } from '../../routes';
import { useStaff } from '../../session';

/** Takes or chooses a photo of the signed consent form and uploads it. */
function ConsentUpload({ residentId, onUploaded }: { residentId: string; onUploaded: () => void }) {
  const [percent, setPercent] = useState<number | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  async function chooseAndUpload() {
    const photo = await choosePhoto();
    if (!photo) return;
    setFailure(null);
    setPercent(0);
    try {
      await uploadConsentForm(residentId, { ...photo, onProgress: setPercent });
      onUploaded();
    } catch (error) {
      setFailure(error);
    } finally {
      setPercent(null);
    }
  }

  return (
    <View>
      {failure ? <Text className="field__error">{`上传没有成功：${messageOf(failure)}`}</Text> : null}
      <ActionButton busy={percent !== null} onClick={() => void chooseAndUpload()}>
        {percent !== null ? `正在上传 ${percent}%` : '拍照上传签字授权书'}
      </ActionButton>
    </View>
  );
}

function residentFacts(r: AssistedResidentDetail) {
  return [
    { label: '身份证号', value: r.idNumberMasked },
    { label: '手机号', value: r.mobileMasked },
    { label: '所在社区', value: `${r.street} ${r.communityName}` },
    { label: '户籍类型', value: HOUSEHOLD_TYPE_LABELS[r.householdType] },
    { label: '人员类别', value: r.categories.map((c) => CATEGORY_LABELS[c]).join('、') || '无' },
    { label: '登记', value: `${assistedByText(r.assistedBy)} · ${formatDateTime(r.assistedBy.at)}` },
    { label: '微信', value: r.joined ? '本人已登录，可在手机上查看进度' : '本人尚未登录' },
  ];
}

/** 代为申请《就业创业证》: the resident's certificate form, the photos and the application going through the officer's routes. */
function CertificateForResident({ resident }: { resident: AssistedResidentDetail }) {
  const [open, setOpen] = useState(false);
  const [submitted, setSubmitted] = useState<StaffCertificate | null>(null);
  const upload = useMemo(() => materialUploaderFor(resident.id), [resident.id]);
  if (submitted) {
    return (
      <Notice tone="success" title="已代为提交申请">
        <Text>{`${CERTIFICATE_TITLE}申请现在的状态：${submitted.statusLabel}。`}</Text>
        <ActionButton onClick={() => void Taro.navigateTo({ url: staffRoutes.certificate(submitted.id) })}>查看证件申请</ActionButton>
      </Notice>
    );
  }
  const current = resident.certificate;
  // One that is on its way, valid or suspended stands: the officer follows it instead of applying again.
  const stands = current !== null && !CERTIFICATE_CLOSED.includes(current.status);
  const summary = current ? <CertificateSummaryCard certificate={current} label="查看证件申请" /> : null;
  if (stands) return summary;
  if (!open) {
    return (
      <View>
        {summary}
        <ActionButton onClick={() => setOpen(true)}>
          {current ? `重新代为申请${CERTIFICATE_TITLE}` : `代为申请${CERTIFICATE_TITLE}`}
        </ActionButton>
      </View>
    );
  }
  return (
    <CertificateApplyForm
      initialCategories={certifiedOf(resident.categories)}
      upload={upload}
      submit={async (request) => {
        try {
          setSubmitted(await applyForCertificateFor(resident.id, request));
        } catch (error) {
          // The BFF's message speaks to the resident (您已有…); the officer hears it about the resident.
          if (error instanceof ApiError && error.code === 'DUPLICATE_CERTIFICATE') {
            throw new ApiError(error.code, `这位居民已有一份正在办理或有效的${CERTIFICATE_TITLE}，无需重复申请`, error.status);
          }
          throw error;
        }
      }}
      onSubmitted={() => undefined}
    />
  );
}

/** One assisted resident: who they are, their consent, applying for them, and their applications. */
export default function AssistedResidentPage() {
  const id = useRouter().params.id ?? '';
  const data = useRemote(() => getAssisted(id), [id], { refreshOnShow: true });
  const programs = useRemote(() => listPrograms(), []);
  const staff = useStaff(data.error);

  usePullToRefresh(data.reload);

  if (!staff) return <Page>{null}</Page>;

  return (
    <Page>
      <Loadable remote={data}>
        {(resident) => {
          const consented = resident.consent.status !== 'pending';
          return (
            <View>
              <Text className="page__title">{resident.name}</Text>
              <View className="card">
                <Facts facts={residentFacts(resident)} />
              </View>

              <View className="section">
                <Text className="section__title">居民授权</Text>
                <View className="card">
                  <Text className="text-strong">{CONSENT_STATUS_LABELS[resident.consent.status]}</Text>
                  {consented ? null : (
                    <Text className="page__hint">
                      提交申请前，请上传居民签字的授权书；或请居民本人用微信登录小程序、填写实名信息后在“我的”页面确认。
                    </Text>
                  )}
                  <ConsentUpload residentId={resident.id} onUploaded={data.reload} />
                </View>
              </View>

              <View className="section">
                <Text className="section__title">代为申请</Text>
                {consented ? (
                  <Loadable remote={programs}>
                    {(items) => (
                      <>
                        {items
                          .filter((p) => p.acceptingNow)
                          .map((p) => (
                            <ActionButton key={p.id} onClick={() => void Taro.navigateTo({ url: assistedRoutes.apply(resident.id, p.id) })}>
                              {p.title}
                            </ActionButton>
                          ))}
                      </>
                    )}
                  </Loadable>
                ) : (
                  <Notice tone="warning" title="尚未取得授权">
                    <Text>取得居民授权后才能代为提交申请。</Text>
                  </Notice>
                )}
              </View>

              <View className="section">
                <Text className="section__title">{CERTIFICATE_TITLE}</Text>
                {consented ? (
                  <CertificateForResident resident={resident} />
                ) : (
                  <Text className="page__hint">取得居民授权后才能代为申请。</Text>
                )}
              </View>

              <View className="section">
                <Text className="section__title">{`已提交的申请（${resident.applications.length} 份）`}</Text>
                {resident.applications.length === 0 ? <Text className="page__hint">还没有申请。</Text> : null}
                {resident.applications.map((item) => (
                  <QueueCard
                    key={item.id}
                    item={item}
                    communityName={resident.communityName}
                    onOpen={(appId) => void Taro.navigateTo({ url: staffRoutes.detail(appId) })}
                  />
                ))}
              </View>
            </View>
          );
        }}
      </Loadable>
    </Page>
  );
}
