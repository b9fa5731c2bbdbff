import { useState } from 'react';
import { Field } from '../Field';
import { TextInput } from '../TextInput';
import { checkIdNumberAsTyped } from './check';

interface Props {
  value: string;
  onChange: (value: string) => void;
  /** An error from outside (the form's schema or the BFF); the field's own check comes first. */
  error?: string;
  /** The form has been sent once: a short number is now an error too. */
  submitted?: boolean;
  optional?: boolean;
  /** The masked number already registered, when the profile exists. */
  registered?: string;
}

/** The 18-digit resident ID number, checked with the shared GB 11643 validator as it is typed. */
export function IdNumberField({ value, onChange, error, submitted = false, optional = false, registered }: Props) {
  const [blurred, setBlurred] = useState(false);
  const empty = value.trim() === '';
  const own = optional && empty ? {} : checkIdNumberAsTyped(value, blurred || submitted);
  const shownError = own.error ?? error;
  const hint = optional && empty && registered ? `已登记：${registered}。不更换请留空` : own.hint;

  return (
    <Field label="身份证号" optional={optional} hint={hint} error={shownError}>
      <TextInput
        label="身份证号"
        type="idcard"
        maxLength={20}
        value={value}
        placeholder="请输入 18 位身份证号"
        invalid={Boolean(shownError)}
        onChange={(text) => {
          onChange(text);
          // Typing again after leaving the field: judge the new text as it grows.
          setBlurred(false);
        }}
        onBlur={() => setBlurred(true)}
      />
    </Field>
  );
}
