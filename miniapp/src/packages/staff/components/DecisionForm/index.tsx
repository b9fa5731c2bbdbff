import { ACTION_LABELS, type StaffApplication } from '@minsheng/shared';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ActionButton } from '../../../../components/ActionButton';
import { Field } from '../../../../components/Field';
import { Notice } from '../../../../components/Notice';
import { TextInput } from '../../../../components/TextInput';
import { ApiError } from '../../../../services/request';
import { transitionApplication } from '../../../../services/staff';
import {
  DANGEROUS_ACTIONS,
  buildTransition,
  decisionFields,
  decisionNote,
  errorsFromApi,
  initialValues,
  type DecisionContext,
  type DecisionErrors,
  type DecisionFieldName,
  type StaffAction,
} from '../../decision';
import './index.scss';

interface Props {
  action: StaffAction;
  context: DecisionContext;
  /** The step went through: the application after it. */
  onDone: (updated: StaffApplication) => void;
  /** The step was refused for a reason other than the form (stale version, no place left, …). */
  onFailed: (error: unknown) => void;
  onCancel: () => void;
}

/** The form of one step (approve, reject, inspect, disburse, …): checks it, sends it with the version seen. */
export function DecisionForm({ action, context, onDone, onFailed, onCancel }: Props) {
  const fields = decisionFields(action, context);
  const note = decisionNote(action, context.application);
  const label = ACTION_LABELS[action];
  const [values, setValues] = useState(() => initialValues(action, context));
  const [errors, setErrors] = useState<DecisionErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const change = (name: DecisionFieldName, value: string) => {
    setValues((current) => ({ ...current, [name]: value }));
    setErrors((current) => ({ ...current, [name]: undefined }));
  };

  async function submit() {
    const built = buildTransition(action, context, values);
    if (!built.ok) {
      setErrors(built.errors);
      setGeneral(built.general ?? null);
      return;
    }
    setBusy(true);
    setGeneral(null);
    try {
      const updated = await transitionApplication(context.application.id, built.body);
      setBusy(false);
      onDone(updated);
    } catch (error) {
      setBusy(false);
      if (error instanceof ApiError && error.code === 'VALIDATION_FAILED') {
        const fromApi = errorsFromApi(error.fields);
        setErrors(fromApi.errors);
        setGeneral(fromApi.rest.length > 0 ? fromApi.rest.join('；') : Object.keys(fromApi.errors).length > 0 ? null : error.message);
        return;
      }
      onFailed(error);
    }
  }

  return (
    <View className="decision">
      <Text className="section__title">{label}</Text>
      {note ? <Text className="decision__note">{note}</Text> : null}
      {fields.map((field) => (
        <Field key={field.name} label={field.label} optional={field.optional} hint={field.hint} error={errors[field.name]}>
          <TextInput
            label={field.label}
            value={values[field.name] ?? ''}
            placeholder={field.placeholder}
            maxLength={field.maxLength}
            invalid={Boolean(errors[field.name])}
            multiline={field.input === 'textarea'}
            type={field.input === 'yuan' ? 'digit' : field.input === 'months' ? 'number' : 'text'}
            unit={field.input === 'yuan' ? '元' : field.input === 'months' ? '个月' : undefined}
            onChange={(value) => change(field.name, value)}
          />
        </Field>
      ))}
      {general ? (
        <Notice tone="error">
          <Text>{general}</Text>
        </Notice>
      ) : null}
      <ActionButton kind={DANGEROUS_ACTIONS.includes(action) ? 'danger' : 'primary'} busy={busy} onClick={() => void submit()}>
        {`确认${label}`}
      </ActionButton>
      <ActionButton onClick={onCancel}>取消</ActionButton>
    </View>
  );
}
