import { Text, View } from '@tarojs/components';
import { roleProps } from '../../../../a11y';
import './index.scss';

export interface Chip<T extends string> {
  value: T;
  label: string;
}

interface Props<T extends string> {
  /** Read out before the chips, and shown as their heading. */
  label: string;
  options: readonly Chip<T>[];
  selected: T;
  onSelect: (value: T) => void;
}

/** One choice out of a few, as a row of tappable chips that wrap: quicker than a picker on a phone. */
export function FilterChips<T extends string>({ label, options, selected, onSelect }: Props<T>) {
  return (
    <View className="chips">
      <Text className="chips__label">{label}</Text>
      <View className="chips__list" {...roleProps('radiogroup')} aria-label={label}>
        {options.map((option) => {
          const on = option.value === selected;
          return (
            <View
              key={option.value}
              className={`chip${on ? ' chip--selected' : ''}`}
              hoverClass="chip--pressed"
              {...roleProps('radio')}
              aria-checked={on}
              onClick={() => onSelect(option.value)}
            >
              <Text>{option.label}</Text>
            </View>
          );
        })}
      </View>
    </View>
  );
}
