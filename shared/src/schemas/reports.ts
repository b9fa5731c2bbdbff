import { z } from 'zod';
import { applicationStatusSchema } from '../machines/types';
import { dateTimeSchema, fenSchema, programKindSchema } from './common';
import { communityCodeSchema } from './communities';
import { applicationFilterSchema, withoutPersonalNumberInUrl } from './review';

/**
 * The history actions that decide an application: approval, a place on the
 * wait-list (a full class), or refusal. The first of them is "the decision".
 */
export const DECISION_ACTIONS = ['approve', 'waitlist', 'reject'] as const;

/** GET /api/admin/stats: the queue's filters by date range (submission, China time) and place. */
export const statsQuerySchema = applicationFilterSchema.pick({ from: true, to: true, street: true, community: true });
export type StatsQuery = z.infer<typeof statsQuerySchema>;

const count = z.number().int().nonnegative();

const decisionFiguresSchema = z
  .object({
    decided: count.meta({
      description:
        'Applications with a decision in their history: approved (approve), wait-listed (waitlist) or refused (reject), whatever happened afterwards.',
    }),
    approved: count.meta({
      description:
        'Of the decided, those that were ever approved — directly or promoted from the wait-list — even if later withdrawn, released, refused or completed.',
    }),
    approvalRate: z.number().min(0).max(1).nullable().meta({
      description:
        'approved ÷ decided, a fraction rounded to 4 decimals; null when nothing is decided. A wait-listed application counts as decided and not approved until promoted.',
    }),
    medianDaysToDecision: z.number().nonnegative().nullable().meta({
      description:
        'Median of (first decision − submission), counted in whole minutes, in days rounded to 1 decimal, over the decided applications; null when none.',
    }),
  })
  .meta({ id: 'DecisionFigures' });
export type DecisionFigures = z.infer<typeof decisionFiguresSchema>;

export const statsResponseSchema = z
  .object({
    generatedAt: dateTimeSchema,
    /** Applications matching the filters (and, for an officer, in the officer's communities). */
    total: count,
    byKind: z.record(programKindSchema, count),
    byStatus: z.record(applicationStatusSchema, count),
    byKindStatus: z
      .record(programKindSchema, z.partialRecord(applicationStatusSchema, count))
      .meta({ description: 'Kind × status: for each kind, every status its state machine has, zeros included.' }),
    byStreet: z.array(z.object({ street: z.string(), count })).meta({ description: 'Most applications first.' }),
    byCommunity: z
      .array(z.object({ community: communityCodeSchema, name: z.string(), street: z.string(), count }))
      .meta({ description: 'Most applications first.' }),
    byMonth: z.array(z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), count })).meta({
      description:
        'Applications by month of submission (YYYY-MM, China time), from the first month with any to the last, empty months as 0.',
    }),
    decisions: z.object({ overall: decisionFiguresSchema, byKind: z.record(programKindSchema, decisionFiguresSchema) }),
    loans: z.object({
      /** Loans with money paid out. */
      borrowers: count,
      approvedFen: fenSchema,
      disbursedFen: fenSchema,
      repaidFen: fenSchema,
      outstandingFen: fenSchema,
    }),
    training: z.object({
      /** Trainees by where they are now: holding a seat, attending, or completed. */
      trainees: z.object({ approved: count, attending: count, completed: count, total: count }),
      completions: count,
      /** Government training subsidy due for the completions (about 1,400 yuan per trainee). */
      subsidyDueFen: fenSchema,
    }),
    subsidies: z.object({ paid: count, paidFen: fenSchema }),
  })
  .meta({ id: 'Stats' });
export type StatsResponse = z.infer<typeof statsResponseSchema>;

const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** GET /api/admin/export: the queue's filters and the file format. */
export const exportQuerySchema = withoutPersonalNumberInUrl(
  applicationFilterSchema.extend({
    format: z.enum(EXPORT_FORMATS, { error: '导出格式应为 xlsx 或 csv' }).default('xlsx'),
  }),
);
