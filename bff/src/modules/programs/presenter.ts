import { crossRulesOf, describeEligibility, eligibilityRulesSchema, programSchema, type Program } from '@minsheng/shared';
import { acceptingNow, termsOf } from './service';
import type { ProgramDoc } from './model';

/** The catalog entry as residents and staff see it. */
export function presentProgram(p: ProgramDoc, free: number | null, now: Date = new Date()): Program {
  const eligibility = eligibilityRulesSchema.parse(p.eligibility ?? {});
  return programSchema.parse({
    id: String(p._id),
    code: p.code,
    kind: p.kind,
    title: p.title,
    summary: p.summary,
    benefits: p.benefits,
    eligibility,
    eligibilityText: describeEligibility(eligibility),
    crossRules: crossRulesOf(termsOf(p)).map((rule) => ({ code: rule.code, text: rule.text })),
    materials: p.materials.map((m) => ({ code: m.code, label: m.label, required: Boolean(m.required) })),
    opensAt: p.opensAt.toISOString(),
    closesAt: p.closesAt ? p.closesAt.toISOString() : null,
    status: p.status,
    acceptingNow: acceptingNow(p, now),
    capacity: p.capacityTotal === null || p.capacityTotal === undefined ? null : { total: p.capacityTotal, remaining: free ?? 0 },
    details: p.details,
  });
}
