import { ApplicationModel, type ApplicationDoc } from './model';
import { ApplicationRowModel } from './read-models/model';

// Reads of applications for other modules (reports, links' funnel): a module
// uses another through functions like these, never through its model.

/** What the sign-up funnel reads of an application brought by a link. */
export type AttributedApplication = Pick<ApplicationDoc, 'attribution' | 'programId' | 'programTitle' | 'history'>;

/** The applications these sign-up links brought, with just what the funnel counts. */
export async function applicationsBroughtBy(linkIds: readonly string[]): Promise<AttributedApplication[]> {
  return ApplicationModel.find(
    { 'attribution.linkId': { $in: linkIds } },
    { 'attribution.linkId': 1, programId: 1, programTitle: 1, 'history.to': 1 },
  ).lean<AttributedApplication[]>();
}

/**
 * A cursor over the rows (read-models/model.ts) of the applications matching
 * a filter built by review/filter.ts, reading only `projection`: the rows
 * carry every path that filter and the export read, at about a third of an
 * application's stored size, and the embedded engine decodes each document
 * it reads whole (the export's rate is its decoding: docs/PERFORMANCE.md).
 */
export function applicationRowCursor<T>(
  filter: Record<string, unknown>,
  projection: Record<string, number>,
  options: { batchSize: number },
) {
  return ApplicationRowModel.find(filter, projection).lean<T[]>().cursor({ batchSize: options.batchSize });
}
