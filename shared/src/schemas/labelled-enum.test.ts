import type { z } from 'zod';
import { type Action, type ApplicationStatus } from '../machines/types';
import { type Category, type HouseholdType, type ProgramKind } from './common';
import { labelledEnum } from './labelled-enum';
import { type StallCategory, type TrainingCategory } from './program';
import { type ConsentStatus } from './profile';
import { type StaffRole } from './staff';

// Compile-time checks (tsc -p shared): the enums made with the helper keep their exact unions.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const exact: [
  Equal<ProgramKind, 'stall' | 'loan' | 'training' | 'subsidy'>,
  Equal<HouseholdType, 'urban' | 'rural'>,
  Equal<StaffRole, 'admin' | 'reviewer' | 'officer'>,
  Equal<ConsentStatus, 'pending' | 'signed_form' | 'confirmed'>,
  Equal<StallCategory, 'general_goods' | 'clothing' | 'daily_services'>,
  Equal<TrainingCategory, 'reemployment' | 'rural_transfer' | 'entrepreneurship' | 'order_based'>,
  Equal<Extract<Category, 'laid_off'>, 'laid_off'>,
  Equal<Extract<ApplicationStatus, 'paid'>, 'paid'>,
  Equal<Extract<Action, 'settle'>, 'settle'>,
] = [true, true, true, true, true, true, true, true, true];

describe('labelledEnum', () => {
  const colour = labelledEnum({ red: '红', green: '绿', blue: '蓝' }, '请选择颜色');

  it('keeps the enum types exact', () => {
    const inferred: Equal<z.infer<typeof colour.schema>, 'red' | 'green' | 'blue'> = true;
    expect([inferred, ...exact].every(Boolean)).toBe(true);
  });

  it('lists the values in the order the labels are written', () => {
    expect(colour.values).toEqual(['red', 'green', 'blue']);
  });

  it('accepts each value and refuses another with its message', () => {
    for (const value of colour.values) expect(colour.schema.parse(value)).toBe(value);
    const result = colour.schema.safeParse('pink');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('请选择颜色');
  });

  it('gives each value its label', () => {
    expect(colour.values.map((v) => colour.labels[v])).toEqual(['红', '绿', '蓝']);
  });
});
