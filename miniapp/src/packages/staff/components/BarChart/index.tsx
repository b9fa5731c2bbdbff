import { Text, View } from '@tarojs/components';
import './index.scss';

export interface Bar {
  key: string;
  label: string;
  value: number;
  /** A second line under the label, e.g. the street of a community. */
  note?: string;
  /** This bar's unit, where bars of one chart count different things (次, 人, 份). */
  unit?: string;
}

interface Props {
  bars: readonly Bar[];
  /** After each value: 份, 人. */
  unit?: string;
  /** Shown instead of the chart when there are no bars. */
  emptyText?: string;
}

/** A bar's length as a percentage of the longest, to one decimal. */
export function barPercent(value: number, max: number): number {
  if (max <= 0 || value <= 0) return 0;
  return Math.round((value / max) * 1000) / 10;
}

/**
 * Horizontal bars, each as long as its share of the largest value: plain
 * views and a width, so it looks the same in WeChat and in a browser and
 * costs the sub-package no chart library. The figure is written out beside
 * every bar for those who cannot see the bars.
 */
export function BarChart({ bars, unit = '份', emptyText = '暂无数据' }: Props) {
  if (bars.length === 0) return <Text className="page__hint">{emptyText}</Text>;
  const max = Math.max(...bars.map((bar) => bar.value));
  return (
    <View className="bar-chart">
      {bars.map((bar) => {
        const percent = barPercent(bar.value, max);
        return (
          <View key={bar.key} className="bar-chart__row">
            <View className="bar-chart__head">
              <Text className="bar-chart__label">{bar.label}</Text>
              <Text className="bar-chart__value">{`${bar.value} ${bar.unit ?? unit}`}</Text>
            </View>
            {bar.note ? <Text className="bar-chart__note">{bar.note}</Text> : null}
            <View className="bar-chart__track">
              <View className={`bar-chart__fill${percent > 0 ? ' bar-chart__fill--some' : ''}`} style={{ width: `${percent}%` }} />
            </View>
          </View>
        );
      })}
    </View>
  );
}
