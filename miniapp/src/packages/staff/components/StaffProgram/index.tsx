import {
  CATEGORIES,
  CATEGORY_LABELS,
  chinaDate,
  chinaDayEnd,
  chinaDayStart,
  dateSchema,
  HOUSEHOLD_TYPE_LABELS,
  HOUSEHOLD_TYPES,
  PROGRAM_KIND_LABELS,
  updateProgramRequestSchema,
  type Category,
  type HouseholdType,
  type Program,
  type UpdateProgramRequest,
} from '@minsheng/shared';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { z } from 'zod';
import { ActionButton } from '../../../../components/ActionButton';
import { SaveOrCancel } from '../SaveOrCancel';
import { ChoiceGroup, type Choice } from '../../../../components/ChoiceGroup';
import { confirmDestructive } from '../../../../components/confirm';
import { Facts } from '../../../../components/Facts';
import { Field } from '../../../../components/Field';
import { FailureNotice } from '../../../../components/Notice';
import { TextField } from '../../../../components/TextInput';
import { ApiError, refusedFields } from '../../../../services/request';
import { updateStaffProgram } from '../../../../services/staffPrograms';
import { pickFields } from '../StaffAccount';

/** A form's messages by field name. */
export type FieldMessages = Record<string, string | undefined>;

/**
 * The form field a path of the API names: the part under details, capacity or eligibility
 * (details.startsOn → startsOn), or the top-level field (benefits.0 → benefits).
 */
function fieldOfPath(path: readonly PropertyKey[]): string {
  const [first, second] = path.map(String);
  return (first === 'details' || first === 'capacity' || first === 'eligibility') && second !== undefined ? second : (first ?? '_');
}

/** The first message of each field among the schema's issues. */
export function issueMessages(issues: readonly z.core.$ZodIssue[]): FieldMessages {
  const messages: FieldMessages = {};
  for (const issue of issues) messages[fieldOfPath(issue.path)] ??= issue.message;
  return messages;
}

/**
 * Where a refusal of the BFF goes: the messages of a VALIDATION_FAILED answer on the form's `fields` (a
 * CONFLICT naming the code on `code`), and whether it needs a notice as well.
 */
export function placeProgramRefusal(error: unknown, fields: readonly string[]): { errors: FieldMessages; notice: boolean } {
  if (error instanceof ApiError && error.code === 'CONFLICT' && error.details.field === 'code' && fields.includes('code')) {
    return { errors: { code: error.message }, notice: false };
  }
  const named: FieldMessages = {};
  for (const [key, message] of Object.entries(refusedFields(error) ?? {})) named[fieldOfPath(key.split('.'))] ??= message;
  const { errors, other } = pickFields(named, fields);
  return { errors, notice: other || Object.keys(errors).length === 0 };
}

/** The window's days as instants: opening at the start of its first day in China, closing at the end of its last. */
export function windowOf(
  opensOn: string,
  closesOn: string,
): { opensAt: string; closesAt: string | null; errors: { opensAt?: string; closesAt?: string } } {
  const errors: { opensAt?: string; closesAt?: string } = {};
  const opens = dateSchema.safeParse(opensOn.trim());
  const closes = closesOn.trim() === '' ? null : dateSchema.safeParse(closesOn.trim());
  if (!opens.success) errors.opensAt = opens.error.issues[0]?.message;
  if (closes && !closes.success) errors.closesAt = closes.error.issues[0]?.message;
  return {
    opensAt: opens.success ? chinaDayStart(opens.data).toISOString() : opensOn,
    closesAt: closes === null ? null : closes.success ? chinaDayEnd(closes.data).toISOString() : closesOn,
    errors,
  };
}

/** The first and last day of a programme's window, as YYYY-MM-DD ('' for a window without end). */
export function windowDays(program: Pick<Program, 'opensAt' | 'closesAt'>): { opensOn: string; closesOn: string } {
  return {
    opensOn: chinaDate(new Date(program.opensAt)),
    closesOn: program.closesAt === null ? '' : chinaDate(new Date(Date.parse(program.closesAt) - 1)),
  };
}

/** 开放中, 未开放, 已截止 or 已关闭: whether residents may apply now, and if not why. */
export function programState(program: Program, now = new Date()): string {
  if (program.status === 'closed') return '已关闭';
  if (program.acceptingNow) return '开放中';
  return Date.parse(program.opensAt) > now.getTime() ? '未开放' : '已截止';
}

/** A number typed into a field: undefined when left empty, NaN (refused by the schema) when not a number. */
export function typedNumber(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text.trim());
}

/** One text field of a form's draft: where its text is in the draft, the field its message is on (the same unless given). */
export interface TextSpec<K extends string> {
  key: K;
  error?: string;
  label: string;
  placeholder?: string;
  hint?: string;
  maxLength: number;
  optional?: boolean;
  type?: 'number' | 'digit';
  unit?: string;
  multiline?: boolean;
}

/** The draft's text fields, each with its message. */
export function TextFields<K extends string>({
  specs,
  values,
  errors,
  onChange,
}: {
  specs: readonly TextSpec<K>[];
  values: { readonly [P in K]: string };
  errors: FieldMessages;
  onChange: (next: Partial<Record<K, string>>) => void;
}) {
  return (
    <View>
      {specs.map(({ key, error, ...input }) => (
        <TextField
          key={key}
          {...input}
          value={values[key]}
          error={errors[error ?? key]}
          onChange={(value) => onChange({ [key]: value } as Partial<Record<K, string>>)}
        />
      ))}
    </View>
  );
}

export interface EligibilityDraft {
  categoriesAny: Category[];
  householdTypes: HouseholdType[];
  requiresCertificate: boolean;
  minAge: string;
  maxAge: string;
}

const CATEGORY_CHOICES = CATEGORIES.map((value) => ({ value, label: CATEGORY_LABELS[value] }));
const HOUSEHOLD_CHOICES = HOUSEHOLD_TYPES.map((value) => ({ value, label: HOUSEHOLD_TYPE_LABELS[value] }));
const CERTIFICATE_CHOICES = [
  { value: 'yes', label: '需要持有效的《就业创业证》' },
  { value: 'no', label: '不需要' },
] as const;

/** A programme's name and summary, in the create form and a card's edit alike. */
export const programTextFields = (titleExample: string): TextSpec<'title' | 'summary'>[] => [
  { key: 'title', label: '项目名称', placeholder: titleExample, maxLength: 60 },
  { key: 'summary', label: '项目简介', placeholder: '居民在服务目录里看到的介绍', multiline: true, maxLength: 500 },
];

/** The number of stalls or seats. */
export const placesField = (label: string, more: Partial<TextSpec<'places'>> = {}): TextSpec<'places'> => ({
  key: 'places',
  label,
  type: 'number',
  unit: '个',
  maxLength: 4,
  ...more,
});

const AGE_FIELDS: readonly TextSpec<'minAge' | 'maxAge'>[] = [
  { key: 'minAge', label: '最低年龄', optional: true, type: 'number', placeholder: '如：16', unit: '岁', maxLength: 3 },
  { key: 'maxAge', label: '最高年龄', optional: true, type: 'number', placeholder: '如：55', unit: '岁', maxLength: 3 },
];

const toggled = <T,>(list: readonly T[], value: T): T[] => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);

/** A field of any number of options: its label, hint and options; optional unless `required`. */
export interface Checklist<T extends string> {
  label: string;
  hint?: string;
  required?: boolean;
  options: readonly Choice<T>[];
}

/** The options of `list`, each tapped on or off. */
export function ChecklistField<T extends string>({
  list,
  selected,
  error,
  onChange,
}: {
  list: Checklist<T>;
  selected: readonly T[];
  error?: string;
  onChange: (selected: T[]) => void;
}) {
  return (
    <Field label={list.label} optional={!list.required} hint={list.hint} error={error}>
      <ChoiceGroup
        multiple
        options={list.options}
        selected={selected}
        invalid={Boolean(error)}
        onSelect={(v) => onChange(toggled(selected, v))}
      />
    </Field>
  );
}

const CATEGORY_LIST: Checklist<Category> = { label: '人员类别', hint: '属于其中任一类即可申请；不选则不限', options: CATEGORY_CHOICES };
const HOUSEHOLD_LIST: Checklist<HouseholdType> = { label: '户籍类型', hint: '不选则不限', options: HOUSEHOLD_CHOICES };

/** The eligibility rules as the API takes them: only the rules given. */
export function eligibilityOf(draft: EligibilityDraft) {
  return {
    ...(draft.categoriesAny.length > 0 ? { categoriesAny: draft.categoriesAny } : {}),
    ...(draft.householdTypes.length > 0 ? { householdTypes: draft.householdTypes } : {}),
    ...(draft.requiresCertificate ? { requiresCertificate: true } : {}),
    ...(draft.minAge.trim() !== '' ? { minAge: typedNumber(draft.minAge) } : {}),
    ...(draft.maxAge.trim() !== '' ? { maxAge: typedNumber(draft.maxAge) } : {}),
  };
}

/** 申请条件: the categories (any of them), household types, the 就业创业证 and the ages. */
export function EligibilityFields({
  draft,
  errors,
  onChange,
}: {
  draft: EligibilityDraft;
  errors: FieldMessages;
  onChange: (next: Partial<EligibilityDraft>) => void;
}) {
  return (
    <View>
      <ChecklistField
        list={CATEGORY_LIST}
        selected={draft.categoriesAny}
        error={errors.categoriesAny}
        onChange={(v) => onChange({ categoriesAny: v })}
      />
      <ChecklistField
        list={HOUSEHOLD_LIST}
        selected={draft.householdTypes}
        error={errors.householdTypes}
        onChange={(v) => onChange({ householdTypes: v })}
      />
      <Field label="就业创业证" error={errors.requiresCertificate}>
        <ChoiceGroup
          options={CERTIFICATE_CHOICES}
          selected={[draft.requiresCertificate ? 'yes' : 'no']}
          onSelect={(value) => onChange({ requiresCertificate: value === 'yes' })}
        />
      </Field>
      <TextFields specs={AGE_FIELDS} values={draft} errors={errors} onChange={onChange} />
    </View>
  );
}

export const WINDOW_FIELDS: readonly TextSpec<'opensOn' | 'closesOn'>[] = [
  {
    key: 'opensOn',
    error: 'opensAt',
    label: '报名开始日期',
    placeholder: 'YYYY-MM-DD，如 2027-01-01',
    hint: '当天 0 点起可以申请',
    maxLength: 10,
  },
  {
    key: 'closesOn',
    error: 'closesAt',
    label: '报名截止日期',
    optional: true,
    placeholder: 'YYYY-MM-DD，留空则长期开放',
    hint: '截止当天仍可申请',
    maxLength: 10,
  },
];

/** The window's two days, YYYY-MM-DD. */
export function WindowFields({
  opensOn,
  closesOn,
  errors,
  onChange,
}: {
  opensOn: string;
  closesOn: string;
  errors: FieldMessages;
  onChange: (next: { opensOn?: string; closesOn?: string }) => void;
}) {
  return (
    <View>
      <TextFields specs={WINDOW_FIELDS} values={{ opensOn, closesOn }} errors={errors} onChange={onChange} />
    </View>
  );
}

const EDIT_FIELDS = ['title', 'summary', 'opensAt', 'closesAt', 'places'] as const;

interface EditDraft {
  title: string;
  summary: string;
  opensOn: string;
  closesOn: string;
  places: string;
}

function editDraftOf(program: Program): EditDraft {
  return {
    title: program.title,
    summary: program.summary,
    ...windowDays(program),
    places: program.capacity ? String(program.capacity.total) : '',
  };
}

/** What the draft changes of the programme: only the fields that differ. */
function changeOf(program: Program, draft: EditDraft): { change: UpdateProgramRequest; errors: FieldMessages } {
  const before = editDraftOf(program);
  const span = windowOf(draft.opensOn, draft.closesOn);
  const change: UpdateProgramRequest = {
    ...(draft.title !== before.title ? { title: draft.title } : {}),
    ...(draft.summary !== before.summary ? { summary: draft.summary } : {}),
    ...(draft.opensOn !== before.opensOn ? { opensAt: span.opensAt } : {}),
    ...(draft.closesOn !== before.closesOn ? { closesAt: span.closesAt } : {}),
    ...(program.capacity && draft.places !== before.places ? { capacity: { places: typedNumber(draft.places) } } : {}),
  };
  return { change, errors: span.errors };
}

type Busy = 'save' | 'status' | null;

/** One programme of the catalog: kind, state, window and places; what an administrator may change. */
export function StaffProgramCard({ program, onChanged }: { program: Program; onChanged: (program: Program) => void }) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<EditDraft>(() => editDraftOf(program));
  const [errors, setErrors] = useState<FieldMessages>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const closed = program.status === 'closed';
  const { opensOn, closesOn } = windowDays(program);
  const noun = program.kind === 'stall' ? '摊位' : '座位';

  const edit = (next: Partial<EditDraft>) => {
    setDraft((current) => ({ ...current, ...next }));
    setErrors({});
  };

  async function act(what: Exclude<Busy, null>, change: UpdateProgramRequest, then?: () => void) {
    setBusy(what);
    setFailure(null);
    try {
      onChanged(await updateStaffProgram(program.id, change));
      then?.();
    } catch (error) {
      const placed = placeProgramRefusal(error, EDIT_FIELDS);
      setErrors(placed.errors);
      if (placed.notice) setFailure(error);
    } finally {
      setBusy(null);
    }
  }

  const save = async () => {
    const { change, errors: dayErrors } = changeOf(program, draft);
    if (Object.keys(change).length === 0) {
      setEditing(false);
      return;
    }
    const checked = updateProgramRequestSchema.safeParse(change);
    const found = { ...(checked.success ? {} : issueMessages(checked.error.issues)), ...dayErrors };
    if (!checked.success || Object.keys(dayErrors).length > 0) {
      setErrors(pickFields(found, EDIT_FIELDS).errors);
      return;
    }
    await act('save', checked.data, () => setEditing(false));
  };

  const toggleStatus = async () => {
    if (!closed) {
      const sure = await confirmDestructive(
        '关闭项目',
        `关闭后居民不能再申请「${program.title}」，已提交的申请照常办理；以后可以重新开放。`,
        ['关闭', '取消'],
      );
      if (!sure) return;
    }
    await act('status', { status: closed ? 'open' : 'closed' });
  };

  const facts = [
    { label: '类型', value: PROGRAM_KIND_LABELS[program.kind] },
    { label: '状态', value: programState(program) },
    { label: '报名时间', value: closesOn === '' ? `${opensOn} 起，长期开放` : `${opensOn} 至 ${closesOn}` },
    ...(program.capacity ? [{ label: `剩余${noun}`, value: `${program.capacity.remaining} / 共 ${program.capacity.total} 个` }] : []),
    { label: '项目编号', value: program.code },
  ];

  return (
    <View className="card staff-program">
      <Text className="section__title">{program.title}</Text>
      <Facts facts={facts} />
      {editing ? (
        <View>
          <TextFields specs={programTextFields('居民看到的项目名称')} values={draft} errors={errors} onChange={edit} />
          <WindowFields opensOn={draft.opensOn} closesOn={draft.closesOn} errors={errors} onChange={edit} />
          {program.capacity ? (
            <TextFields
              specs={[placesField(`${noun}总数`, { placeholder: '1-1000', hint: `可以增加；只能减少空闲的${noun}` })]}
              values={draft}
              errors={errors}
              onChange={edit}
            />
          ) : null}
          <SaveOrCancel
            saving={busy === 'save'}
            onSave={() => void save()}
            onCancel={() => {
              setEditing(false);
              setDraft(editDraftOf(program));
              setErrors({});
            }}
          />
        </View>
      ) : (
        <View>
          <ActionButton
            key="edit"
            label={`修改${program.title}`}
            onClick={() => {
              setDraft(editDraftOf(program));
              setEditing(true);
            }}
          >
            {program.capacity ? '修改名称、简介、报名时间和名额' : '修改名称、简介和报名时间'}
          </ActionButton>
          <ActionButton
            key={closed ? 'reopen' : 'close'}
            kind={closed ? 'secondary' : 'danger'}
            label={`${closed ? '重新开放' : '关闭'}${program.title}`}
            busy={busy === 'status'}
            onClick={() => void toggleStatus()}
          >
            {closed ? '重新开放项目' : '关闭项目'}
          </ActionButton>
        </View>
      )}
      <FailureNotice title="没有改成" error={failure} />
    </View>
  );
}
