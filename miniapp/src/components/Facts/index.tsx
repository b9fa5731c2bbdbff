import { Text, View } from '@tarojs/components';

export interface Fact {
  label: string;
  value: string;
}

interface Props {
  facts: readonly Fact[];
}

/** Label and value pairs, one per line; values wrap rather than being cut off. */
export function Facts({ facts }: Props) {
  return (
    <View className="facts">
      {facts.map((fact) => (
        <View key={fact.label} className="fact">
          <Text className="fact__label">{fact.label}</Text>
          <Text className="fact__value">{fact.value}</Text>
        </View>
      ))}
    </View>
  );
}
