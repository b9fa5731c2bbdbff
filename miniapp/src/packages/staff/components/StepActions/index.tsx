import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { ActionButton } from '../../../../components/ActionButton';

interface Props<A extends string> {
  /** The steps the viewer may take now, in the order shown. */
  actions: readonly A[];
  /** The step whose form is open, if any. */
  chosen: A | null;
  choose: (action: A) => void;
  label: (action: A) => string;
  /** The button of a step: primary for the one that moves the record on, danger for one that cannot be undone. */
  kind: (action: A) => 'primary' | 'secondary' | 'danger';
  /** What the section says when the viewer may take no step. */
  none: string;
  /** The open step's form. */
  form: (chosen: A) => ReactNode;
}

/** The steps section of a staff record page: the chosen step's form, else a button for each step, else why there is none. */
export function StepActions<A extends string>({ actions, chosen, choose, label, kind, none, form }: Props<A>) {
  return (
    <View className="section">
      <Text className="section__title">办理操作</Text>
      {chosen ? (
        form(chosen)
      ) : actions.length === 0 ? (
        <Text className="page__hint">{none}</Text>
      ) : (
        actions.map((action) => (
          <ActionButton key={action} kind={kind(action)} onClick={() => choose(action)}>
            {label(action)}
          </ActionButton>
        ))
      )}
    </View>
  );
}
