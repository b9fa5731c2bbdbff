import { PROGRAM_KIND_LABELS, PROGRAM_KINDS, type Program, type ProgramKind } from '@minsheng/shared';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { roleProps } from '../../a11y';
import { CardLink } from '../../components/CardLink';
import { Loadable } from '../../components/Loadable';
import { Page } from '../../components/Page';
import { useRemote } from '../../hooks/useRemote';
import { routes, takeRequestedKind } from '../../routes';
import { listPrograms } from '../../services/programs';
import './index.scss';

type Filter = ProgramKind | 'all';

function filterOf(value: string | undefined): Filter {
  return PROGRAM_KINDS.find((kind) => kind === value) ?? 'all';
}

const FILTERS: { value: Filter; label: string }[] = [
  { value: 'all', label: '全部' },
  ...PROGRAM_KINDS.map((kind) => ({ value: kind, label: PROGRAM_KIND_LABELS[kind] })),
];

function placesText(program: Program): string | null {
  if (!program.capacity) return null;
  return `剩余 ${program.capacity.remaining} 个${program.kind === 'stall' ? '摊位' : '名额'}`;
}

function ProgramCard({ program }: { program: Program }) {
  const places = placesText(program);
  return (
    <CardLink className="card program-card" onClick={() => void Taro.navigateTo({ url: routes.program(program.id) })}>
      <Text className="program-card__title">{program.title}</Text>
      <Text className="program-card__summary">{program.summary}</Text>
      <View className="program-card__facts">
        <Text className={program.acceptingNow ? 'program-card__open' : 'program-card__closed'}>
          {program.acceptingNow ? '正在受理' : '暂停受理'}
        </Text>
        {places ? <Text className="program-card__places">{places}</Text> : null}
      </View>
      <Text className="program-card__more">查看详情和申请 ›</Text>
    </CardLink>
  );
}

export default function Programs() {
  // `?kind=` from a shared link; the home page's tiles arrive through takeRequestedKind (a tab takes no query).
  const { params } = useRouter();
  const [filter, setFilter] = useState<Filter>(() => takeRequestedKind() ?? filterOf(params.kind));
  const programs = useRemote(() => listPrograms(filter === 'all' ? undefined : filter), [filter], { refreshOnShow: true });

  useDidShow(() => {
    const requested = takeRequestedKind();
    if (requested) setFilter(requested);
  });

  return (
    <Page>
      <Text className="page__title">{filter === 'all' ? '全部服务' : PROGRAM_KIND_LABELS[filter]}</Text>
      <View className="filters" {...roleProps('tablist')}>
        {FILTERS.map((f) => (
          <View
            key={f.value}
            className={`filter${f.value === filter ? ' filter--on' : ''}`}
            hoverClass="filter--pressed"
            {...roleProps('tab')}
            aria-selected={f.value === filter}
            onClick={() => setFilter(f.value)}
          >
            <Text>{f.label}</Text>
          </View>
        ))}
      </View>
      <Loadable remote={programs}>
        {(items) =>
          items.length === 0 ? (
            <Text className="page__hint">这类服务暂时没有开放的项目。</Text>
          ) : (
            <View>
              {items.map((program) => (
                <ProgramCard key={program.id} program={program} />
              ))}
            </View>
          )
        }
      </Loadable>
    </Page>
  );
}
