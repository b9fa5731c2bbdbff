import type { StaffApplication } from '@minsheng/shared';
import type { StaffPrincipal } from '../../http/context';
import type { ApplicationDoc } from '../applications/model';
import { waitlistPosition } from '../applications/service';
import { materialsByIds } from '../materials/service';
import { presentStaffApplication } from './presenter';
import { actionsFor } from './service';

/** An application as a staff member sees it: with its materials, its place on the wait-list and the steps the viewer may take. */
export async function staffView(doc: ApplicationDoc, viewer: StaffPrincipal): Promise<StaffApplication> {
  return presentStaffApplication(doc, await materialsByIds(doc.materialIds), await waitlistPosition(doc), actionsFor(doc, viewer.role));
}
