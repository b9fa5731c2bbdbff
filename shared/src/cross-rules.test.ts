import { seedProgram } from './catalog';
import { classDays, crossClaimKeys, crossConflictMessage, crossRulesOf, holdsCrossClaim } from './cross-rules';
import { MAX_CLASS_DAYS, trainingDetailsSchema, type KindWithTerms } from './schemas/program';
import type { ApplicationForm } from './schemas/application';

const terms = (code: string) => {
  const seed = seedProgram(code);
  return { kind: seed.kind, details: seed.details } as KindWithTerms;
};
const training: ApplicationForm = { kind: 'training', education: 'junior' };
const stall: ApplicationForm = { kind: 'stall', businessCategory: 'clothing', businessPlan: '在创业园经营童装和日用品' };
const subsidy: ApplicationForm = { kind: 'subsidy', period: '2026Q3', employment: '家政服务' };

describe('rules across programmes', () => {
  it('binds both parks to the same key, so one person holds one stall across them', () => {
    expect(crossClaimKeys(terms('park-chunjiang'), stall, 'p1')).toEqual([{ rule: 'one_stall', key: 'stall:p1' }]);
    expect(crossClaimKeys(terms('park-jingming'), stall, 'p1')).toEqual([{ rule: 'one_stall', key: 'stall:p1' }]);
  });

  it('claims each day of a class, so classes share a key exactly when their dates overlap', () => {
    const keys = (code: string) =>
      new Set(
        crossClaimKeys(terms(code), training, 'p1')
          .filter((k) => k.rule === 'class_dates')
          .map((k) => k.key),
      );
    const lathe = keys('training-lathe');
    const welder = keys('training-welder');
    const cnc = keys('training-cnc');
    expect(lathe.size).toBe(40); // 2027-01-11 to 2027-02-19
    expect([...lathe].some((k) => welder.has(k))).toBe(true);
    expect([...lathe].some((k) => cnc.has(k))).toBe(false);
  });

  it('claims "the same occupation and level once" only for a class with a training subsidy', () => {
    expect(crossClaimKeys(terms('training-lathe'), training, 'p1')).toContainEqual({
      rule: 'training_once',
      key: 'training:p1:车工:初级（五级）',
    });
    expect(crossRulesOf(terms('training-entrepreneurship')).map((r) => r.code)).toEqual(['class_dates']);
  });

  it('claims a subsidy quarter per person, whichever subsidy programme', () => {
    expect(crossClaimKeys(terms('subsidy-flexible-insurance'), subsidy, 'p1')).toEqual([
      { rule: 'subsidy_quarter', key: 'subsidy-quarter:p1:2026Q3' },
    ]);
  });

  it('binds loans to no rule across programmes', () => {
    expect(crossRulesOf(terms('loan-guaranteed'))).toEqual([]);
  });

  it('keeps a claim while the application is live, and a completed class’s occupation and level for good', () => {
    expect(holdsCrossClaim('one_stall', 'stall', 'approved')).toBe(true);
    expect(holdsCrossClaim('one_stall', 'stall', 'released')).toBe(false);
    expect(holdsCrossClaim('subsidy_quarter', 'subsidy', 'paid')).toBe(true);
    expect(holdsCrossClaim('subsidy_quarter', 'subsidy', 'withdrawn')).toBe(false);
    expect(holdsCrossClaim('training_once', 'training', 'completed')).toBe(true);
    expect(holdsCrossClaim('class_dates', 'training', 'completed')).toBe(false);
    expect(holdsCrossClaim('training_once', 'training', 'no_show')).toBe(false);
  });

  it('names the other application in the refusal', () => {
    expect(crossConflictMessage('one_stall', 'MS-2026-000123', false)).toBe(
      '您已有一份正在办理或在租的摊位申请（MS-2026-000123），每人同时只能申请或租用一个摊位（各创业园合计）',
    );
  });

  it('counts class days inclusively, a class without an end date on its first day, and bounds them', () => {
    expect(classDays('2027-01-30', '2027-02-02')).toEqual(['2027-01-30', '2027-01-31', '2027-02-01', '2027-02-02']);
    expect(classDays('2027-01-30', undefined)).toEqual(['2027-01-30']);
    expect(classDays('2027-01-01', '2030-01-01')).toHaveLength(MAX_CLASS_DAYS);
  });

  it('refuses a class that ends before it starts or lasts longer than the bound', () => {
    const base = { category: 'order_based', trade: '车工', school: '学校', startsOn: '2027-01-11', subsidyPerTraineeFen: 0 };
    expect(trainingDetailsSchema.safeParse({ ...base, endsOn: '2027-01-10' }).error?.issues[0]?.path).toEqual(['endsOn']);
    expect(trainingDetailsSchema.safeParse({ ...base, endsOn: '2028-01-12' }).success).toBe(false);
    expect(trainingDetailsSchema.safeParse({ ...base, endsOn: '2027-01-11' }).success).toBe(true);
  });
});
