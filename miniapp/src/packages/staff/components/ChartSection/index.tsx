import { Text } from '@tarojs/components';
import { CardSection } from '../../../../components/CardSection';
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
    <CardSection title={title}>
      {hint ? <Text className="page__hint">{hint}</Text> : null}
      <BarChart bars={bars} unit={unit} emptyText={emptyText} />
    </CardSection>
  );
}
