import {
  CERTIFICATE_TITLE,
  CERTIFICATE_WAITING,
  certificateFacts,
  checkEligibility,
  type EligibilityResult,
  type Program,
  type ProfileView,
} from '@minsheng/shared';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { ActionButton } from '../../../../components/ActionButton';
import { messageOf, Notice } from '../../../../components/Notice';
import { routes } from '../../../../routes';
import { getMe } from '../../../../services/me';

type CheckState =
  | { step: 'idle' }
  | { step: 'checking' }
  | { step: 'failed'; error: unknown }
  | { step: 'no_profile' }
  | { step: 'done'; result: EligibilityResult; certificate: CertificateHint };

/** What the refusal offers about the 就业创业证 the programme needs: apply for it, follow it, or nothing. */
type CertificateHint = 'apply' | 'follow' | null;

/** Whether the programme needs a certificate the resident does not hold yet (a suspended one is not theirs to fix). */
export function certificateHint(program: Program, profile: ProfileView): CertificateHint {
  const certificate = profile.certificate;
  if (!program.eligibility.requiresCertificate || certificate?.status === 'active' || certificate?.status === 'suspended') return null;
  return certificate && CERTIFICATE_WAITING.includes(certificate.status) ? 'follow' : 'apply';
}

interface Props {
  program: Program;
  /** The day to judge ages on (tests fix it). */
  today?: Date;
}

/** Judges a profile with the shared rules, as the BFF will on submission. */
export function judge(program: Program, profile: ProfileView, today: Date): EligibilityResult {
  return checkEligibility(
    program.eligibility,
    {
      // The certificate and the categories only it carries (登记失业, 就业困难) count from the verified record.
      ...certificateFacts(profile.categories, profile.certificate),
      householdType: profile.householdType,
      birthDate: profile.birthDate,
    },
    today,
  );
}

/** "我能申请吗？": checks the resident's profile against the programme before any form is shown. */
export function EligibilityCheck({ program, today }: Props) {
  const [state, setState] = useState<CheckState>({ step: 'idle' });
  const asked = useRef(false);

  async function check() {
    asked.current = true;
    setState({ step: 'checking' });
    try {
      const { profile } = await getMe();
      if (!profile) setState({ step: 'no_profile' });
      else setState({ step: 'done', result: judge(program, profile, today ?? new Date()), certificate: certificateHint(program, profile) });
    } catch (error) {
      setState({ step: 'failed', error });
    }
  }

  // Back from the profile form: the answer may have changed.
  useDidShow(() => {
    if (asked.current) void check();
  });

  const apply = () => void Taro.navigateTo({ url: routes.apply(program.id) });
  const editProfile = () => void Taro.navigateTo({ url: routes.profile });

  return (
    <View className="section">
      {state.step === 'idle' || state.step === 'checking' ? (
        <ActionButton kind="primary" busy={state.step === 'checking'} onClick={() => void check()}>
          我能申请吗？
        </ActionButton>
      ) : null}

      {state.step === 'failed' ? (
        <Notice tone="error" title="没有查到结果">
          <Text>{messageOf(state.error)}</Text>
          <ActionButton onClick={() => void check()}>再查一次</ActionButton>
        </Notice>
      ) : null}

      {state.step === 'no_profile' ? (
        <Notice tone="info" title="请先填写实名信息">
          <Text>需要您的身份证号、户籍和人员类别，才能判断能不能申请。</Text>
          <ActionButton kind="primary" onClick={editProfile}>
            填写实名信息
          </ActionButton>
        </Notice>
      ) : null}

      {state.step === 'done' && state.result.eligible ? (
        <Notice tone="success" title="您符合申请条件">
          {program.crossRules.length > 0 ? (
            <Text className="page__hint">提交时还会核对：{program.crossRules.map((r) => r.text).join('；')}</Text>
          ) : null}
          {program.acceptingNow ? (
            <ActionButton kind="primary" onClick={apply}>
              开始申请
            </ActionButton>
          ) : (
            <Text>这项服务现在不在受理时间内，请留意开放时间。</Text>
          )}
        </Notice>
      ) : null}

      {state.step === 'done' && !state.result.eligible ? (
        <Notice tone="warning" title="暂不符合申请条件">
          {state.result.reasons.map((reason) => (
            <Text key={reason} className="bullet">
              · {reason}
            </Text>
          ))}
          {state.certificate ? (
            <ActionButton kind="primary" onClick={() => void Taro.navigateTo({ url: routes.certificate })}>
              {state.certificate === 'apply' ? `申请办理${CERTIFICATE_TITLE}` : `查看${CERTIFICATE_TITLE}办理进度`}
            </ActionButton>
          ) : null}
          <Text className="page__hint">如果实名信息填错了，改正后会重新判断。也可以找社区劳动保障站咨询。</Text>
          <ActionButton onClick={editProfile}>修改实名信息</ActionButton>
        </Notice>
      ) : null}
    </View>
  );
}
