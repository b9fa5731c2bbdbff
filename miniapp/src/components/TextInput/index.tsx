import { Input, Text, Textarea, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { Field } from '../Field';

interface Props {
  value: string;
  onChange: (value: string) => void;
  /** What a screen reader says for the field: its visible label (the placeholder is only an example). */
  label: string;
  placeholder?: string;
  maxLength?: number;
  invalid?: boolean;
  /** The keyboard: digits only (`number`), digits and a point (`digit`), or an ID number's (`idcard`). */
  type?: 'text' | 'number' | 'digit' | 'idcard';
  /** Several lines, growing with the text. */
  multiline?: boolean;
  password?: boolean;
  /** Shown after the field: 元, 个月, … */
  unit?: string;
  onConfirm?: () => void;
  onBlur?: () => void;
}

/** A text field of a form, red when invalid; put it in a `Field` for its label and message. */
export function TextInput({
  value,
  onChange,
  label,
  placeholder,
  maxLength,
  invalid = false,
  type = 'text',
  multiline = false,
  password = false,
  unit,
  onConfirm,
  onBlur,
}: Props) {
  // The H5 components render a native input inside a custom element: nativeProps reach it (the mini-program ignores them).
  const common = {
    placeholderClass: 'input__placeholder',
    value,
    placeholder,
    maxlength: maxLength,
    nativeProps: { 'aria-label': label },
    onInput: (event: { detail: { value: string } }) => onChange(event.detail.value),
    onBlur,
  };
  if (multiline) return <Textarea className={`textarea${invalid ? ' textarea--invalid' : ''}`} autoHeight {...common} />;
  const input = (
    <Input className={`input${invalid ? ' input--invalid' : ''}`} type={type} password={password} onConfirm={onConfirm} {...common} />
  );
  if (!unit) return input;
  return (
    <View className="input-row">
      {input}
      <Text className="input-row__unit">{unit}</Text>
    </View>
  );
}

interface TextFieldProps extends Omit<Props, 'invalid'> {
  optional?: boolean;
  hint?: string;
  /** The field's Chinese message; the input turns red while there is one. */
  error?: string;
  /** Shown under the input, before the message (a button that fills it in). */
  children?: ReactNode;
}

/** A `TextInput` in its `Field`: the label written once, shown and read out; red with its message when `error`. */
export function TextField({ optional, hint, error, children, ...input }: TextFieldProps) {
  return (
    <Field label={input.label} optional={optional} hint={hint} error={error}>
      <TextInput {...input} invalid={Boolean(error)} />
      {children}
    </Field>
  );
}
