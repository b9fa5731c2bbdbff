import { birthYearOf, type AssistedResident, type AssistedResidentDetail, type MeResponse } from '@minsheng/shared';
import type { ApplicationDoc } from '../applications/model';
import type { CertificateDoc } from '../certificates/model';
import { presentCertificateSummary } from '../certificates/presenter';
import { communityNames } from '../communities/service';
import type { ResidentDoc } from '../residents/model';
import { queueRowOf } from '../applications/read-models';
import { presentQueueItem } from '../review/presenter';

function present(r: ResidentDoc, names: Map<string, string>): AssistedResident {
  const p = r.profile;
  const by = r.assistedBy;
  if (!p || !by) throw new Error('not an assisted resident with a profile');
  return {
    id: String(r._id),
    name: p.name,
    idNumberMasked: p.idNumberMasked,
    mobileMasked: p.mobileMasked,
    birthYear: birthYearOf(p.birthDate),
    sex: p.sex,
    street: p.street,
    community: p.community,
    communityName: names.get(p.community) ?? p.community,
    householdType: p.householdType,
    categories: p.categories as AssistedResident['categories'],
    joined: Boolean(r.openid),
    consent: {
      status: r.consent?.status ?? 'pending',
      materialId: r.consent?.materialId ? String(r.consent.materialId) : null,
      at: r.consent?.at ? r.consent.at.toISOString() : null,
    },
    assistedBy: { staffName: by.staffName, community: by.community, communityName: by.communityName, at: by.at.toISOString() },
  };
}

/** Assisted residents for staff: ID number and mobile masked. */
export async function presentAssistedList(docs: ResidentDoc[]): Promise<AssistedResident[]> {
  const names = await communityNames(docs.flatMap((d) => (d.profile ? [d.profile.community] : [])));
  return docs.map((d) => present(d, names));
}

export async function presentAssistedDetail(
  doc: ResidentDoc,
  applications: ApplicationDoc[],
  certificate: CertificateDoc | null,
): Promise<AssistedResidentDetail> {
  const [item] = await presentAssistedList([doc]);
  if (!item) throw new Error('nothing presented');
  return {
    ...item,
    applications: applications.map((a) => presentQueueItem(queueRowOf(a))),
    certificate: presentCertificateSummary(certificate),
  };
}

/** What the resident sees of having been registered by an officer. */
export function presentAssistedForMe(r: ResidentDoc): MeResponse['assisted'] {
  if (!r.assistedBy) return undefined;
  return { staffName: r.assistedBy.staffName, communityName: r.assistedBy.communityName, consent: r.consent?.status ?? 'pending' };
}
