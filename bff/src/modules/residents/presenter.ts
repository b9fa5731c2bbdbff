import type { MeResponse } from '@minsheng/shared';
import type { PiiCipher } from '../../security/pii';
import { communityNames } from '../communities/service';
import { presentAssistedForMe } from '../assisted/presenter';
import { presentProfileCertificate } from '../certificates/presenter';
import { latestCertificateOf } from '../certificates/service';
import { presentAgreement, type AgreementDoc } from './agreement';
import type { ResidentDoc } from './model';

/** The resident's own view: ID number masked; the mobile is their own, shown whole for editing. */
export async function presentMe(r: ResidentDoc, pii: PiiCipher): Promise<MeResponse> {
  const p = r.profile;
  if (!p) return { id: String(r._id), profile: null };
  const [names, certificate] = await Promise.all([communityNames([p.community]), latestCertificateOf(r._id)]);
  const assisted = presentAssistedForMe(r);
  return {
    id: String(r._id),
    ...(assisted ? { assisted } : {}),
    profile: {
      name: p.name,
      idNumberMasked: p.idNumberMasked,
      birthDate: p.birthDate,
      sex: p.sex,
      mobile: pii.decrypt(p.mobileSealed),
      community: p.community,
      communityName: names.get(p.community) ?? p.community,
      street: p.street,
      householdType: p.householdType,
      categories: p.categories,
      certificate: presentProfileCertificate(certificate),
      ...(p.privacyNotice ? { privacyNotice: presentAgreement(p.privacyNotice as AgreementDoc) } : {}),
    },
  };
}
