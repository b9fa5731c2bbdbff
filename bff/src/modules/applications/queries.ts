import { ApplicationModel, type ApplicationDoc } from './model';

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

/** A cursor over the applications matching a filter (built by review/filter.ts), reading only `projection`. */
export function applicationCursor<T>(
  filter: Record<string, unknown>,
  projection: Record<string, number>,
  options: { batchSize: number; sort?: Record<string, 1 | -1> },
) {
  const query = ApplicationModel.find(filter, projection);
  if (options.sort) query.sort(options.sort);
  return query.lean<T[]>().cursor({ batchSize: options.batchSize });
}
