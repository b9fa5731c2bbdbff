import type { FieldErrors } from '@minsheng/shared';
import { Input, Text, Textarea, View } from '@tarojs/components';
import { ChoiceGroup } from '../../../../components/ChoiceGroup';
import { Field } from '../../../../components/Field';
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
        const invalid = error ? ' input--invalid' : '';
        return (
          <Field key={spec.name} label={spec.label} optional={spec.optional} hint={spec.hint} error={error}>
            {spec.type === 'choice' ? (
              <ChoiceGroup
                options={spec.options}
                selected={value === '' ? [] : [value]}
                invalid={Boolean(error)}
                onSelect={(chosen) => onChange(spec.name, chosen)}
              />
            ) : spec.type === 'textarea' ? (
              <Textarea
                className={`textarea${error ? ' textarea--invalid' : ''}`}
                placeholderClass="input__placeholder"
                value={value}
                placeholder={spec.placeholder}
                maxlength={spec.maxLength}
                autoHeight
                onInput={(event) => onChange(spec.name, event.detail.value)}
              />
            ) : spec.type === 'number' ? (
              <View className="input-row">
                <Input
                  className={`input${invalid}`}
                  placeholderClass="input__placeholder"
                  type={spec.decimals ? 'digit' : 'number'}
                  value={value}
                  placeholder={spec.placeholder}
                  maxlength={15}
                  onInput={(event) => onChange(spec.name, event.detail.value)}
                />
                <Text className="input-row__unit">{spec.unit}</Text>
              </View>
            ) : (
              <Input
                className={`input${invalid}`}
                placeholderClass="input__placeholder"
                value={value}
                placeholder={spec.placeholder}
                maxlength={spec.maxLength}
                onInput={(event) => onChange(spec.name, event.detail.value)}
              />
            )}
          </Field>
        );
      })}
    </View>
  );
}
