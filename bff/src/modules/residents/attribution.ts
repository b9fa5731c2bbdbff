import type { AttributionDoc } from '../links/attribution';
import { ResidentModel, type ResidentDoc } from './model';

// The residents' side of sign-up links (links/service.ts, links/funnel.ts).
// Apart from service.ts so links can use it while residents' joining uses links.

/** Sets the resident's copy of their first-touch attribution. */
export async function setAttribution(residentId: ResidentDoc['_id'], attribution: AttributionDoc): Promise<void> {
  await ResidentModel.updateOne({ _id: residentId }, { $set: { attribution } });
}

/** What the funnel reads of a resident brought by a link. */
export type AttributedResident = Pick<ResidentDoc, 'attribution' | 'idNumberHash'>;

/** The residents these sign-up links first brought. */
export async function residentsBroughtBy(linkIds: readonly string[]): Promise<AttributedResident[]> {
  return ResidentModel.find({ 'attribution.linkId': { $in: linkIds } }, { 'attribution.linkId': 1, idNumberHash: 1 }).lean<
    AttributedResident[]
  >();
}
