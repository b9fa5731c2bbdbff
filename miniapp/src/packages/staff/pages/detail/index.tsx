import {
  ACTION_LABELS,
  CERTIFICATE_TITLE,
  CONSENT_STATUS_LABELS,
  PROGRAM_KIND_LABELS,
  STATUS_LABELS,
  type Program,
  type StaffApplication,
} from '@minsheng/shared';
import { chinaDate } from '@minsheng/shared/time';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { Facts } from '../../../../components/Facts';
import { Loadable } from '../../../../components/Loadable';
import { Page } from '../../../../components/Page';
import { StatusBadge } from '../../../../components/StatusBadge';
import { assistedByText, declarationText, formatDate, formatDateTime } from '../../../../format';
import { getStaffApplication, listStaffPrograms, openApplicationMaterial } from '../../../../services/staff';
import { DecisionForm } from '../../components/DecisionForm';
import { CertificateSummaryCard } from '../../components/CertificateSummary';
import { MaterialItem, MaterialsSection } from '../../components/MaterialItem';
import { RevealId, RevealMobile } from '../../components/RevealId';
import { StepActions } from '../../components/StepActions';
import { DANGEROUS_ACTIONS, offeredActions, transitionFailure, type StaffAction } from '../../decision';
import { APPLICATION_CHANGED } from '../../routes';
import { useStepPage } from '../../useStepPage';
import { applicantFacts, formFacts, materialName, recordFacts, staffStepText } from '../../words';
import { Timeline } from '../../../apply/components/Timeline';
import './index.scss';

/** The applicant's 就业创业证 and, for an application an officer made for them, their consent with the signed form. */
function ApplicantRecords({ application }: { application: StaffApplication }) {
  const { certificate, consent } = application;
  return (
    <>
      <View className="section">
        <Text className="section__title">{CERTIFICATE_TITLE}</Text>
        {certificate ? (
          <CertificateSummaryCard certificate={certificate} label="查看证件" />
        ) : (
          <View className="card">
            <Text className="page__hint">申请人尚未申请。</Text>
          </View>
        )}
      </View>
      {consent ? (
        <View className="section">
          <Text className="section__title">居民授权</Text>
          <View className="card">
            <Text className="text-strong">{CONSENT_STATUS_LABELS[consent.status]}</Text>
            {consent.at ? <Text className="page__hint">{`授权时间：${formatDateTime(consent.at)}`}</Text> : null}
            {consent.form ? (
              <MaterialItem
                material={consent.form}
                name="居民签字的授权书"
                action="查看授权书"
                open={(m) => openApplicationMaterial(application.id, m)}
              />
            ) : null}
          </View>
        </View>
      ) : null}
    </>
  );
}

interface Loaded {
  application: StaffApplication;
  /** For material names and loan limits; the page works without it. */
  program: Program | undefined;
}

async function load(id: string): Promise<Loaded> {
  const application = await getStaffApplication(id);
  const program = await listStaffPrograms(application.kind).then(
    (programs) => programs.find((p) => p.id === application.programId),
    () => undefined,
  );
  return { application, program };
}

export default function StaffApplicationDetail() {
  const id = useRouter().params.id ?? '';
  const { data, staff, names, chosen, choose, succeeded, failed, notice } = useStepPage<Loaded, StaffAction>(() => load(id), [id], {
    changed: APPLICATION_CHANGED,
    failure: transitionFailure,
  });

  const done = (loaded: Loaded, action: StaffAction) => (updated: StaffApplication) => {
    data.set({ application: updated, program: loaded.program });
    // An approval with no place left wait-lists the application: say that, not 已批准.
    const title = updated.status === 'waitlisted' ? '已进入候补名单' : `已${ACTION_LABELS[action]}`;
    succeeded(title, `申请现在的状态：${STATUS_LABELS[updated.status]}`);
  };

  if (!staff) return <Page>{null}</Page>;

  return (
    <Page>
      {notice}
      <Loadable remote={data}>
        {(loaded) => {
          const { application, program } = loaded;
          const actions = offeredActions(application.actions);
          const records = recordFacts(application);
          return (
            <View>
              <View className="card">
                <View className="detail-head">
                  <Text className="detail-head__number">{application.number}</Text>
                  <StatusBadge status={application.status} />
                </View>
                <Text className="detail-head__programme">{application.programTitle}</Text>
                <Text className="page__hint">{`${PROGRAM_KIND_LABELS[application.kind]} · ${formatDate(application.submittedAt)}提交`}</Text>
                <Text className="page__hint">{`最近变动：${formatDateTime(application.updatedAt)}`}</Text>
                {application.assistedBy ? <Text className="page__hint">{assistedByText(application.assistedBy)}</Text> : null}
              </View>

              <View className="section">
                <Text className="section__title">申请人</Text>
                <View className="card">
                  <RevealId key={application.id} applicationId={application.id} masked={application.applicant.idNumberMasked} />
                  <RevealMobile
                    key={`${application.id}-mobile`}
                    applicationId={application.id}
                    masked={application.applicant.mobileMasked}
                  />
                  <Facts
                    facts={[
                      ...applicantFacts(application.applicant, names),
                      { label: '本人承诺', value: declarationText(application.declaration) },
                    ]}
                  />
                </View>
              </View>

              <ApplicantRecords application={application} />

              <View className="section">
                <Text className="section__title">申请内容</Text>
                <View className="card">
                  <Facts facts={formFacts(application.form)} />
                </View>
              </View>

              {records.length > 0 ? (
                <View className="section">
                  <Text className="section__title">办理记录</Text>
                  <View className="card">
                    <Facts facts={records} />
                  </View>
                </View>
              ) : null}

              <MaterialsSection
                title="申请材料"
                materials={application.materials}
                hint={application.materials.length === 0 ? '没有上传材料。' : undefined}
                name={(material) => materialName(material, program)}
                open={(m) => openApplicationMaterial(application.id, m)}
              />

              <View className="section">
                <Text className="section__title">办理经过</Text>
                <View className="card">
                  <Timeline history={application.history} describe={staffStepText} />
                </View>
              </View>

              <StepActions
                actions={actions}
                chosen={chosen}
                choose={choose}
                label={(action) => ACTION_LABELS[action]}
                kind={(action) => (action === 'approve' ? 'primary' : DANGEROUS_ACTIONS.includes(action) ? 'danger' : 'secondary')}
                none="这份申请当前没有您可以进行的操作。"
                form={(action) => (
                  <DecisionForm
                    key={`${action}-${application.version}`}
                    action={action}
                    context={{ application, program, staffName: staff.name, today: chinaDate() }}
                    onDone={done(loaded, action)}
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
