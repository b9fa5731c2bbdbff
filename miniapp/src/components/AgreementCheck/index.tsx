import { Text, View } from '@tarojs/components';
import { ChoiceGroup } from '../ChoiceGroup';
import { Field } from '../Field';

interface Props {
  /** The text agreed to, shown in full above the box (a notice's title and paragraphs, or a declaration's one line). */
  title: string;
  paragraphs: readonly string[];
  /** The words beside the box, e.g. 我已阅读并同意《个人信息保护告知》. */
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** Why the form could not be sent yet: shown under the box. */
  error?: string;
  /** In a card of its own (the default), or bare inside a form that is already one. */
  framed?: boolean;
}

/**
 * A text the person must read and agree to, with one box to tick: the privacy notice before the profile asks for
 * an ID number, the applicant's declaration before a submission. The box is one large choice row, like the others.
 */
export function AgreementCheck({ title, paragraphs, label, checked, onChange, error, framed = true }: Props) {
  return (
    <View className={framed ? 'card' : undefined}>
      <Text className="section__title">{title}</Text>
      {paragraphs.map((paragraph) => (
        <Text key={paragraph} className="page__hint">
          {paragraph}
        </Text>
      ))}
      <Field label="" error={error}>
        <ChoiceGroup
          multiple
          options={[{ value: 'agreed', label }]}
          selected={checked ? ['agreed'] : []}
          invalid={Boolean(error)}
          onSelect={() => onChange(!checked)}
        />
      </Field>
    </View>
  );
}
