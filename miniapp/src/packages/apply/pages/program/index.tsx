import { hasWaitlist, PROGRAM_KIND_LABELS, TRAINING_CATEGORY_LABELS, type Program } from '@minsheng/shared';
import { chinaDayStart } from '@minsheng/shared/time';
import { Text, View } from '@tarojs/components';
import { useRouter, useShareAppMessage } from '@tarojs/taro';
import { Facts, type Fact } from '../../../../components/Facts';
import { Loadable } from '../../../../components/Loadable';
import { Page } from '../../../../components/Page';
import { formatDate, yuanText } from '../../../../format';
import { useRemote } from '../../../../hooks/useRemote';
import { routes } from '../../../../routes';
import { getProgram } from '../../../../services/programs';
import { EligibilityCheck } from '../../components/EligibilityCheck';
import './index.scss';

/** The kind-specific terms, in words. */
function termsOf(program: Program): Fact[] {
  switch (program.kind) {
    case 'stall': {
      const { address, areaM2, monthlyRentFen } = program.details;
      return [
        { label: '园区地址', value: address },
        ...(areaM2 ? [{ label: '园区面积', value: `${areaM2} 平方米` }] : []),
        ...(monthlyRentFen !== undefined ? [{ label: '摊位租金', value: `每月 ${yuanText(monthlyRentFen)} 元` }] : []),
      ];
    }
    case 'loan':
      return [
        { label: '最高额度', value: `${yuanText(program.details.maxAmountFen)} 元` },
        { label: '最长期限', value: `${program.details.maxTermMonths} 个月` },
        ...(program.details.lender ? [{ label: '放款银行', value: program.details.lender }] : []),
      ];
    case 'training':
      return [
        { label: '培训类别', value: TRAINING_CATEGORY_LABELS[program.details.category] },
        { label: '工种', value: program.details.trade },
        { label: '培训学校', value: program.details.school },
        ...(program.details.level ? [{ label: '技能等级', value: program.details.level }] : []),
        { label: '开班日期', value: formatDate(chinaDayStart(program.details.startsOn).toISOString()) },
        ...(program.details.endsOn ? [{ label: '结业日期', value: formatDate(chinaDayStart(program.details.endsOn).toISOString()) }] : []),
        ...(program.details.hours ? [{ label: '培训学时', value: `${program.details.hours} 学时` }] : []),
        ...(program.details.subsidyPerTraineeFen > 0
          ? [{ label: '培训补贴', value: `每人 ${yuanText(program.details.subsidyPerTraineeFen)} 元` }]
          : []),
      ];
    case 'subsidy':
      return [{ label: '补贴标准', value: `每季度 ${yuanText(program.details.amountPerPeriodFen)} 元` }];
  }
}

function windowText(program: Program): string {
  const from = `${formatDate(program.opensAt)}起`;
  return program.closesAt ? `${from}，至${formatDate(program.closesAt)}止` : `${from}，长期受理`;
}

function placesText(program: Program): string | null {
  if (!program.capacity) return null;
  const unit = program.kind === 'stall' ? '摊位' : '名额';
  const left = `剩余 ${program.capacity.remaining} 个${unit}（共 ${program.capacity.total} 个）`;
  if (program.capacity.remaining > 0 || !hasWaitlist(program.kind)) return left;
  return `${left}，现在申请将进入候补名单`;
}

/** A titled list of points, or `emptyText` when there are none. */
function Bullets({ title, lines, emptyText }: { title: string; lines: readonly string[]; emptyText?: string }) {
  return (
    <View className="section">
      <Text className="section__title">{title}</Text>
      {lines.length === 0 && emptyText ? <Text className="page__hint">{emptyText}</Text> : null}
      {lines.map((line) => (
        <Text key={line} className="bullet">
          · {line}
        </Text>
      ))}
    </View>
  );
}

function ProgramView({ program }: { program: Program }) {
  // A resident's share carries no sign-up link: the officer's attribution is for people the officer reached,
  // so a friend's forward opens the programme unattributed (a forwarded link card keeps its own ?l=).
  useShareAppMessage(() => ({ title: program.title, path: routes.program(program.id) }));
  const places = placesText(program);
  return (
    <View>
      <Text className="page__title">{program.title}</Text>
      <View className="program__tags">
        <Text className="program__tag">{PROGRAM_KIND_LABELS[program.kind]}</Text>
        <Text className={`program__tag${program.acceptingNow ? ' program__tag--open' : ''}`}>
          {program.acceptingNow ? '正在受理' : '暂停受理'}
        </Text>
      </View>
      <Text className="program__summary">{program.summary}</Text>

      {program.benefits.length > 0 ? <Bullets title="能享受什么" lines={program.benefits} /> : null}
      <Bullets title="谁可以申请" lines={program.eligibilityText} />
      {program.crossRules.length > 0 ? <Bullets title="与其他项目的限制" lines={program.crossRules.map((r) => r.text)} /> : null}
      <Bullets
        title="需要准备的材料"
        lines={program.materials.map((m) => `${m.label}${m.required ? '（必须）' : ''}`)}
        emptyText="不需要材料"
      />

      <View className="section">
        <Text className="section__title">办理须知</Text>
        <Facts
          facts={[
            { label: '受理时间', value: windowText(program) },
            ...(places ? [{ label: '名额', value: places }] : []),
            ...termsOf(program),
          ]}
        />
      </View>

      <EligibilityCheck program={program} />
    </View>
  );
}

export default function ProgramPage() {
  const id = useRouter().params.id ?? '';
  const program = useRemote(() => getProgram(id), [id]);
  return <Page>{<Loadable remote={program}>{(p) => <ProgramView program={p} />}</Loadable>}</Page>;
}
