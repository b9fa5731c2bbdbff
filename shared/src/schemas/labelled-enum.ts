import { z } from 'zod';

/**
 * An enum written once as its values' Chinese labels: gives the values (in the
 * labels' order, which pickers and tables follow), the zod schema and the labels.
 */
export function labelledEnum<const K extends string>(labels: Record<K, string>, error?: string) {
  // Keys keep their written order: none of them looks like an integer.
  const values = Object.keys(labels) as [K, ...K[]];
  return {
    values: values as readonly [K, ...K[]],
    schema: z.enum(values, error),
    labels: labels as Readonly<Record<K, string>>,
  };
}
