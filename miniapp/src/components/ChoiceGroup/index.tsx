import { roleProps } from '../../a11y';
import { Text, View } from '@tarojs/components';
import './index.scss';

export interface Choice<T extends string> {
  value: T;
  label: string;
}

interface Props<T extends string> {
  options: readonly Choice<T>[];
  selected: readonly T[];
  /** Checkboxes (any number) rather than radio buttons (one). */
  multiple?: boolean;
  onSelect: (value: T) => void;
  invalid?: boolean;
}

/**
 * Large tappable options, one per row, for short lists. Easier than a scroll
 * wheel for older residents, and they grow with elder mode's text.
 */
export function ChoiceGroup<T extends string>({ options, selected, multiple, onSelect, invalid }: Props<T>) {
  return (
    <View className={`choices${invalid ? ' choices--invalid' : ''}`} {...roleProps(multiple ? 'group' : 'radiogroup')}>
      {options.map((option) => {
        const on = selected.includes(option.value);
        return (
          <View
            key={option.value}
            className={`choice${on ? ' choice--selected' : ''}`}
            hoverClass="choice--pressed"
            {...roleProps(multiple ? 'checkbox' : 'radio')}
            aria-checked={on}
            onClick={() => onSelect(option.value)}
          >
            <Text className={`choice__mark${multiple ? ' choice__mark--box' : ''}`}>{on ? '✓' : ''}</Text>
            <Text className="choice__label">{option.label}</Text>
          </View>
        );
      })}
    </View>
  );
}
