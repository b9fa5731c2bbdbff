import type { FieldErrors } from '@minsheng/shared';
import { View } from '@tarojs/components';
import { ChoiceGroup } from '../../../../components/ChoiceGroup';
import { Field } from '../../../../components/Field';
import { TextInput } from '../../../../components/TextInput';
import type { FieldSpec, FormValues } from '../../forms';

interface Props {
  specs: readonly FieldSpec[];
  values: FormValues;
  errors: FieldErrors;
  onChange: (name: string, value: string) => void;
}

/** The kind-specific fields of an application form, each with its error underneath. */
export function ApplicationFields({ specs, values, errors, onChange }: Props) {
  return (
    <View>
      {specs.map((spec) => {
        const value = values[spec.name] ?? '';
        const error = errors[spec.name];
        return (
          <Field key={spec.name} label={spec.label} optional={spec.optional} hint={spec.hint} error={error}>
            {spec.type === 'choice' ? (
              <ChoiceGroup
                options={spec.options}
                selected={value === '' ? [] : [value]}
                invalid={Boolean(error)}
                onSelect={(chosen) => onChange(spec.name, chosen)}
              />
            ) : (
              <TextInput
                label={spec.label}
                value={value}
                placeholder={spec.placeholder}
                maxLength={spec.type === 'number' ? 15 : spec.maxLength}
                invalid={Boolean(error)}
                multiline={spec.type === 'textarea'}
                type={spec.type === 'number' ? (spec.decimals ? 'digit' : 'number') : 'text'}
                unit={spec.type === 'number' ? spec.unit : undefined}
                onChange={(text) => onChange(spec.name, text)}
              />
            )}
          </Field>
        );
      })}
    </View>
  );
}
