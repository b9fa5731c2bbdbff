import {
  chinaDate,
  createProgramRequestSchema,
  parseYuan,
  STALL_CATEGORY_LABELS,
  TRAINING_CATEGORY_LABELS,
  type CreateProgramRequest,
  type ProgramKind,
  type Program,
  type StallCategory,
  type TrainingCategory,
} from '@minsheng/shared';
import { ID_CARD } from '@minsheng/shared/catalog';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ActionButton } from '../../../../components/ActionButton';
import { ChoiceGroup } from '../../../../components/ChoiceGroup';
import { Field } from '../../../../components/Field';
import { Loadable } from '../../../../components/Loadable';
import { FailureNotice, Notice } from '../../../../components/Notice';
import { Page } from '../../../../components/Page';
import { usePullToRefresh } from '../../../../hooks/usePullToRefresh';
import { useRemote } from '../../../../hooks/useRemote';
import { currentStaff } from '../../../../services/staff';
import { createStaffProgram, listCatalog } from '../../../../services/staffPrograms';
import {
  ChecklistField,
  eligibilityOf,
  EligibilityFields,
  issueMessages,
  placeProgramRefusal,
  placesField,
  programTextFields,
  StaffProgramCard,
  TextFields,
  typedNumber,
  WINDOW_FIELDS,
  WindowFields,
  windowOf,
  type EligibilityDraft,
  type Checklist,
  type FieldMessages,
  type TextSpec,
} from '../../components/StaffProgram';
import { pickFields } from '../../components/StaffAccount';
import { useStaff } from '../../session';

type NewKind = ProgramKind;

const KIND_CHOICES = [
  { value: 'training', label: '培训班（座位）' },
  { value: 'stall', label: '创业园（摊位）' },
  { value: 'loan', label: '创业担保贷款' },
  { value: 'subsidy', label: '就业补贴（按季度发放）' },
] as const;

/** An example title of each kind, from the seed's catalog. */
const TITLE_EXAMPLES: Record<NewKind, string> = {
  training: '如：车工定单式培训班',
  stall: '如：景明佳园创业园摊位',
  loan: '如：创业担保贷款（小额担保贷款）',
  subsidy: '如：灵活就业社会保险补贴',
};

/** What the places of a kind are called; loans and subsidies have none. */
const PLACE_NOUNS: Partial<Record<NewKind, string>> = { training: '座位', stall: '摊位' };

const TRAINING_CHOICES = (Object.keys(TRAINING_CATEGORY_LABELS) as TrainingCategory[]).map((value) => ({
  value,
  label: TRAINING_CATEGORY_LABELS[value],
}));
const STALL_CHOICES = (Object.keys(STALL_CATEGORY_LABELS) as StallCategory[]).map((value) => ({
  value,
  label: STALL_CATEGORY_LABELS[value],
}));

const STALL_LIST: Checklist<StallCategory> = { label: '经营类别', required: true, options: STALL_CHOICES };

interface Draft extends EligibilityDraft {
  kind: NewKind;
  code: string;
  title: string;
  summary: string;
  benefits: string;
  opensOn: string;
  closesOn: string;
  places: string;
  // A class's
  category: TrainingCategory;
  trade: string;
  level: string;
  school: string;
  startsOn: string;
  endsOn: string;
  hours: string;
  subsidy: string;
  // A park's
  park: string;
  address: string;
  categories: StallCategory[];
  rent: string;
  // A loan scheme's
  maxAmount: string;
  maxTerm: string;
  lender: string;
  // A subsidy's
  amount: string;
  prefix: string;
}

const emptyDraft = (kind: NewKind): Draft => ({
  kind,
  code: '',
  title: '',
  summary: '',
  benefits: '',
  opensOn: chinaDate(),
  closesOn: '',
  places: '',
  category: 'reemployment',
  trade: '',
  level: '',
  school: '',
  startsOn: '',
  endsOn: '',
  hours: '',
  subsidy: '',
  park: '',
  address: '',
  categories: ['general_goods', 'clothing', 'daily_services'],
  rent: '',
  maxAmount: '',
  maxTerm: '',
  lender: '',
  amount: '',
  prefix: '',
  categoriesAny: [],
  householdTypes: [],
  requiresCertificate: false,
  minAge: '16',
  maxAge: '',
});

const FORM_FIELDS = [
  'code',
  'title',
  'summary',
  'benefits',
  'opensAt',
  'closesAt',
  'places',
  'prefix',
  'category',
  'trade',
  'level',
  'school',
  'startsOn',
  'endsOn',
  'hours',
  'subsidyPerTraineeFen',
  'park',
  'address',
  'categories',
  'monthlyRentFen',
  'maxAmountFen',
  'maxTermMonths',
  'lender',
  'amountPerPeriodFen',
  'categoriesAny',
  'householdTypes',
  'minAge',
  'maxAge',
] as const;

/** Yuan typed into a field as fen: undefined when empty, NaN (refused by the schema) when not an amount. */
function typedFen(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  return parseYuan(text) ?? Number.NaN;
}

/** A code when none was typed: the kind, today and four random characters (training-20270104-k3xq). */
function generatedCode(kind: NewKind): string {
  return `${kind}-${chinaDate().replace(/-/g, '')}-${Math.random().toString(36).slice(2, 6)}`;
}

type CommonRequest = Omit<Extract<CreateProgramRequest, { kind: 'loan' }>, 'kind' | 'details'>;

/** The request of the draft's kind: its details, and a class's seats or a park's stalls. */
function withKind(common: CommonRequest, draft: Draft): CreateProgramRequest {
  const places = typedNumber(draft.places) as number;
  const optional = (text: string) => text.trim() !== '';
  switch (draft.kind) {
    case 'training':
      return {
        ...common,
        kind: 'training',
        details: {
          category: draft.category,
          trade: draft.trade.trim(),
          school: draft.school.trim(),
          startsOn: draft.startsOn.trim(),
          subsidyPerTraineeFen: typedFen(draft.subsidy) as number,
          ...(optional(draft.level) ? { level: draft.level.trim() } : {}),
          ...(optional(draft.endsOn) ? { endsOn: draft.endsOn.trim() } : {}),
          ...(optional(draft.hours) ? { hours: typedNumber(draft.hours) } : {}),
        },
        capacity: { places },
      };
    case 'stall':
      return {
        ...common,
        kind: 'stall',
        details: {
          park: draft.park.trim(),
          address: draft.address.trim(),
          categories: draft.categories,
          ...(optional(draft.rent) ? { monthlyRentFen: typedFen(draft.rent) } : {}),
        },
        capacity: { places, prefix: optional(draft.prefix) ? draft.prefix.trim() : undefined },
      };
    case 'loan':
      return {
        ...common,
        kind: 'loan',
        details: {
          maxAmountFen: typedFen(draft.maxAmount) as number,
          maxTermMonths: typedNumber(draft.maxTerm) as number,
          ...(optional(draft.lender) ? { lender: draft.lender.trim() } : {}),
        },
      };
    case 'subsidy':
      return { ...common, kind: 'subsidy', details: { period: 'quarter', amountPerPeriodFen: typedFen(draft.amount) as number } };
  }
}

/** The request the draft makes, with the window's date errors found on the way. */
function requestOf(draft: Draft): { request: CreateProgramRequest; dayErrors: FieldMessages } {
  const span = windowOf(draft.opensOn, draft.closesOn);
  const common = {
    code: draft.code.trim() === '' ? generatedCode(draft.kind) : draft.code.trim(),
    title: draft.title,
    summary: draft.summary,
    benefits: draft.benefits
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
    eligibility: eligibilityOf(draft),
    materials: [ID_CARD],
    opensAt: span.opensAt,
    closesAt: span.closesAt,
  };
  return { request: withKind(common, draft), dayErrors: span.errors };
}

type TrainingText = 'trade' | 'level' | 'school' | 'startsOn' | 'endsOn' | 'hours' | 'subsidy';
type StallText = 'park' | 'address' | 'rent' | 'prefix';

/** A class's own text fields: trade, level, school, dates, hours, subsidy. */
const TRAINING_FIELDS: readonly TextSpec<TrainingText>[] = [
  { key: 'trade', label: '工种', placeholder: '如：车工', maxLength: 40 },
  {
    key: 'level',
    label: '等级',
    optional: true,
    placeholder: '如：初级（五级）',
    hint: '同一工种同一等级的培训补贴只能享受一次',
    maxLength: 20,
  },
  { key: 'school', label: '培训学校', placeholder: '如：合作技工学校', maxLength: 60 },
  { key: 'startsOn', label: '开班日期', placeholder: 'YYYY-MM-DD，如 2027-03-01', maxLength: 10 },
  { key: 'endsOn', label: '结业日期', optional: true, placeholder: 'YYYY-MM-DD，最后一天上课', maxLength: 10 },
  { key: 'hours', label: '课时', optional: true, type: 'number', placeholder: '如：240', unit: '课时', maxLength: 4 },
  {
    key: 'subsidy',
    error: 'subsidyPerTraineeFen',
    label: '每人培训补贴',
    type: 'digit',
    placeholder: '如：1400',
    unit: '元',
    maxLength: 12,
  },
];

/** A park's own text fields: name, address, rent and the stalls' label prefix. */
const STALL_FIELDS: readonly TextSpec<StallText>[] = [
  { key: 'park', label: '园区名称', placeholder: '如：春江新城创业大市场', maxLength: 60 },
  { key: 'address', label: '地址', placeholder: '如：南京市雨花台区铁心桥街道…', maxLength: 120 },
  {
    key: 'rent',
    error: 'monthlyRentFen',
    label: '月租金',
    optional: true,
    type: 'digit',
    placeholder: '如：100',
    unit: '元/月',
    maxLength: 12,
  },
  {
    key: 'prefix',
    label: '摊位编号前缀',
    placeholder: '1-8 位大写字母或数字，如 CJ',
    hint: '摊位编为 CJ-001、CJ-002…',
    maxLength: 8,
  },
];

/** A loan scheme's limits and lender. */
const LOAN_FIELDS: readonly TextSpec<'maxAmount' | 'maxTerm' | 'lender'>[] = [
  { key: 'maxAmount', error: 'maxAmountFen', label: '最高贷款额度', type: 'digit', placeholder: '如：50000', unit: '元', maxLength: 12 },
  { key: 'maxTerm', error: 'maxTermMonths', label: '最长期限', type: 'number', placeholder: '1-120，如 24', unit: '个月', maxLength: 3 },
  { key: 'lender', label: '放款银行', optional: true, placeholder: '如：合作银行', maxLength: 60 },
];

/** A subsidy's amount each quarter. */
const SUBSIDY_FIELDS: readonly TextSpec<'amount'>[] = [
  {
    key: 'amount',
    error: 'amountPerPeriodFen',
    label: '每季度补贴金额',
    type: 'digit',
    placeholder: '如：1500',
    unit: '元',
    maxLength: 12,
  },
];

const BENEFITS_FIELD: TextSpec<'benefits'> = {
  key: 'benefits',
  label: '扶持内容',
  optional: true,
  placeholder: '每行一项，如：学费全免',
  multiline: true,
  maxLength: 1200,
};

/** The field a draft entry's message is on, where the API names it otherwise (opensOn → opensAt). */
const MESSAGE_FIELD: Record<string, string | undefined> = Object.fromEntries(
  [...WINDOW_FIELDS, ...TRAINING_FIELDS, ...STALL_FIELDS, ...LOAN_FIELDS, ...SUBSIDY_FIELDS].flatMap((spec) =>
    spec.error ? [[spec.key, spec.error]] : [],
  ),
);

const CODE_FIELD: TextSpec<'code'> = {
  key: 'code',
  label: '项目编号',
  optional: true,
  placeholder: '3-40 位小写字母、数字或连字符',
  hint: '留空则自动生成；建好后不能修改',
  maxLength: 40,
};

/** 新建项目: a class with its seats, a park with its stalls, a loan scheme or a subsidy, checked with the BFF's own schema first. */
function CreateProgram({ onCreated }: { onCreated: (program: Program) => void }) {
  const [draft, setDraft] = useState<Draft>(() => emptyDraft('training'));
  const [errors, setErrors] = useState<FieldMessages>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<Program | null>(null);

  const change = (next: Partial<Draft>) => {
    setDraft((current) => ({ ...current, ...next }));
    setErrors((current) => {
      const left = { ...current };
      for (const key of Object.keys(next)) delete left[MESSAGE_FIELD[key] ?? key];
      return left;
    });
  };

  async function create() {
    setFailure(null);
    setCreated(null);
    const { request, dayErrors } = requestOf(draft);
    const checked = createProgramRequestSchema.safeParse(request);
    if (!checked.success || Object.keys(dayErrors).length > 0) {
      setErrors(pickFields({ ...(checked.success ? {} : issueMessages(checked.error.issues)), ...dayErrors }, FORM_FIELDS).errors);
      return;
    }
    setBusy(true);
    try {
      const program = await createStaffProgram(request);
      setCreated(program);
      setDraft(emptyDraft(draft.kind));
      setErrors({});
      onCreated(program);
    } catch (error) {
      const placed = placeProgramRefusal(error, FORM_FIELDS);
      setErrors(placed.errors);
      if (placed.notice) setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  const noun = PLACE_NOUNS[draft.kind];
  return (
    <View className="card">
      <Text className="section__title">新开项目</Text>
      {created ? (
        <Notice tone="success" title="项目已建好">
          <Text>{`「${created.title}」（${created.code}）已加入服务目录${created.acceptingNow ? '，居民现在可以申请' : ''}。`}</Text>
        </Notice>
      ) : null}
      <Field label="项目类型">
        <ChoiceGroup
          options={KIND_CHOICES}
          selected={[draft.kind]}
          onSelect={(kind) => {
            setDraft(emptyDraft(kind));
            setErrors({});
          }}
        />
      </Field>
      <TextFields
        specs={[...programTextFields(TITLE_EXAMPLES[draft.kind]), BENEFITS_FIELD]}
        values={draft}
        errors={errors}
        onChange={change}
      />
      {draft.kind === 'training' ? (
        <View>
          <Field label="培训类别" error={errors.category}>
            <ChoiceGroup options={TRAINING_CHOICES} selected={[draft.category]} onSelect={(category) => change({ category })} />
          </Field>
          <TextFields specs={TRAINING_FIELDS} values={draft} errors={errors} onChange={change} />
        </View>
      ) : draft.kind === 'stall' ? (
        <View>
          <TextFields
            specs={STALL_FIELDS}
            values={draft}
            errors={errors}
            onChange={(next) => change(next.prefix === undefined ? next : { ...next, prefix: next.prefix.toUpperCase() })}
          />
          <ChecklistField
            list={STALL_LIST}
            selected={draft.categories}
            error={errors.categories}
            onChange={(categories) => change({ categories })}
          />
        </View>
      ) : (
        <TextFields specs={draft.kind === 'loan' ? LOAN_FIELDS : SUBSIDY_FIELDS} values={draft} errors={errors} onChange={change} />
      )}
      {noun ? (
        <TextFields
          specs={[placesField(`${noun}数量`, { placeholder: '1-1000，如 8' })]}
          values={draft}
          errors={errors}
          onChange={change}
        />
      ) : null}
      <WindowFields opensOn={draft.opensOn} closesOn={draft.closesOn} errors={errors} onChange={change} />
      <EligibilityFields draft={draft} errors={errors} onChange={change} />
      <Field label="所需材料" hint="新项目默认只要身份证照片">
        <Text>{ID_CARD.label}</Text>
      </Field>
      <TextFields specs={[CODE_FIELD]} values={draft} errors={errors} onChange={change} />
      <FailureNotice title="没有建成" error={failure} />
      <ActionButton key="create" kind="primary" busy={busy} onClick={() => void create()}>
        新建项目
      </ActionButton>
    </View>
  );
}

/** 服务目录: the administrator's list of programmes of every kind, a form to open a class or a park, edits and closing. */
export default function StaffCatalog() {
  // Only an administrator changes the catalog: anyone else is told so without asking the BFF.
  const admin = currentStaff()?.role === 'admin';
  const programs = useRemote(() => (admin ? listCatalog() : Promise.resolve([])), [admin]);
  const staff = useStaff(programs.error);
  usePullToRefresh(programs.reload);

  if (!staff) return <Page>{null}</Page>;

  if (staff.role !== 'admin') {
    return (
      <Page>
        <Text className="page__title">服务目录</Text>
        <Notice tone="warning" title="此页面仅供管理员使用">
          <Text>新开培训班、增加摊位、修改或关闭项目，请联系区人社局的管理员。</Text>
        </Notice>
      </Page>
    );
  }

  const replace = (items: Program[], changed: Program) => items.map((item) => (item.id === changed.id ? changed : item));

  return (
    <Page>
      <Text className="page__title">服务目录</Text>
      <Text className="page__hint">
        新开培训班、创业园摊位、贷款或补贴项目，修改项目的名称、简介、报名时间和名额；关闭后居民不能再申请。
      </Text>
      <CreateProgram onCreated={(program) => programs.set([program, ...(programs.data ?? [])])} />
      <Loadable remote={programs}>
        {(items) =>
          items.length === 0 ? (
            <Text className="page__hint">服务目录里还没有项目。</Text>
          ) : (
            <View>
              <Text className="page__hint">{`共 ${items.length} 个项目`}</Text>
              {items.map((program) => (
                <StaffProgramCard key={program.id} program={program} onChanged={(changed) => programs.set(replace(items, changed))} />
              ))}
            </View>
          )
        }
      </Loadable>
    </Page>
  );
}
