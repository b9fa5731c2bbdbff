import { Text, View } from '@tarojs/components';
import { BarChart, type Bar } from '../BarChart';

interface Props {
  title: string;
  /** A line under the title, e.g. the approval rate. */
  hint?: string;
  bars: readonly Bar[];
  unit?: string;
  emptyText?: string;
}

/** A titled card holding one bar chart: the building block of the report screens. */
export function ChartSection({ title, hint, bars, unit, emptyText }: Props) {
  return (
    <View className="section">
      <Text className="section__title">{title}</Text>
      <View className="card">
        {hint ? <Text className="page__hint">{hint}</Text> : null}
        <BarChart bars={bars} unit={unit} emptyText={emptyText} />
      </View>
    </View>
  );
}
