import { Types } from 'mongoose';
import { connectDatabase } from '@minsheng/bff/src/db/connection';
import { CertificateModel } from '@minsheng/bff/src/modules/certificates/model';
import { ProgramModel } from '@minsheng/bff/src/modules/programs/model';
import { ResidentModel } from '@minsheng/bff/src/modules/residents/model';
import { sealProfile } from '@minsheng/bff/src/modules/residents/service';
import { createPiiCipher, type PiiCipher } from '@minsheng/bff/src/security/pii';
import { createTokenService } from '@minsheng/bff/src/security/tokens';
import { DECLARED, FORMS, idNumber } from '@minsheng/bff/test/kit/factories';
import { PRIVACY_NOTICE } from '@minsheng/shared';
import { QUICK } from './measure';

/**
 * BENCH_ROWS applications for the queue: a real district's volume (three years
 * of a large district) on every engine, now that the staff side reads small
 * working sets and point reads rather than scanning the history.
 */
export function benchRows(): number {
  if (process.env.BENCH_ROWS) return Number(process.env.BENCH_ROWS);
  return QUICK ? 500 : 100_000;
}

export interface BenchResident {
  id: string;
  token: string;
}

/** The bench process's own mongoose connection to the run's database (for fixtures and the raw-driver sides). */
export async function connectBench(dbUri: string): Promise<void> {
  await connectDatabase(dbUri);
}

export function benchPii(secrets: { PII_KEY: string }): PiiCipher {
  return createPiiCipher(secrets.PII_KEY);
}

/**
 * Residents with complete profiles, written straight into the collection in
 * the product's shape (sealProfile, as PUT /api/me stores it) with tokens
 * signed by the run's secret: the set-up is not what is measured. Each holds
 * an active 就业创业证 (登记失业), as if the station had checked it and the
 * bureau approved it, so the loans that require one accept them.
 */
export async function createResidents(
  count: number,
  secrets: { TOKEN_SECRET: string; PII_KEY: string },
  firstIndex = 0,
): Promise<BenchResident[]> {
  const pii = benchPii(secrets);
  const tokens = createTokenService(secrets.TOKEN_SECRET, { resident: 24 * 3600, staff: 24 * 3600 });
  const communities = ['jmjy', 'cjxc', 'yxc', 'bqsq', 'xgc', 'shqsq', 'yhxc', 'xsqsq', 'msc', 'gxc', 'kfq'];
  const out: BenchResident[] = [];
  const batch = 500;
  const issuedAt = new Date();
  for (let offset = 0; offset < count; offset += batch) {
    const docs = [];
    const certificates = [];
    for (let i = offset; i < Math.min(count, offset + batch); i += 1) {
      const n = firstIndex + i;
      // idNumber varies only three sequence digits: the birth day carries the rest.
      const birth = new Date(Date.UTC(1975, 0, 1) + Math.floor(n / 1000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
      const profile = await sealProfile(
        {
          name: `测试${n}`,
          idNumber: idNumber(n, birth),
          mobile: `139${String(n).padStart(8, '0')}`,
          community: communities[n % communities.length] ?? 'jmjy',
          householdType: 'urban',
          categories: ['laid_off', 'registered_unemployed'],
          privacyNoticeVersion: PRIVACY_NOTICE.version,
        },
        pii,
        null,
        'resident',
      );
      const _id = new Types.ObjectId();
      docs.push({ _id, openid: `bench-${n}-${_id.toHexString()}`, profile, idNumberHash: profile.idNumberHash, lastLoginAt: new Date() });
      certificates.push({
        residentId: _id,
        community: profile.community,
        name: profile.name,
        idNumberMasked: profile.idNumberMasked,
        status: 'active',
        version: 3,
        categories: ['registered_unemployed'],
        // A year the live numbering never issues in, so bench numbers cannot take a real one's place.
        number: `JC-2000-${String(n).padStart(6, '0')}`,
        issuedAt,
        submittedAt: issuedAt,
        liveKey: _id.toHexString(),
      });
      out.push({ id: _id.toHexString(), token: (await tokens.issue(_id.toHexString(), 'resident')).token });
    }
    await ResidentModel.insertMany(docs, { lean: true });
    await CertificateModel.insertMany(certificates, { lean: true });
  }
  return out;
}

/** A loan programme open now with no place limit and no required materials: every submission is accepted. */
export async function createOpenLoanProgram(code: string): Promise<string> {
  const doc = await ProgramModel.create({
    code,
    kind: 'loan',
    title: `压测贷款 ${code}`,
    summary: '压测用',
    benefits: [],
    eligibility: { categoriesAny: ['laid_off', 'registered_unemployed'], requiresCertificate: true, minAge: 18, maxAge: 60 },
    materials: [],
    details: { maxAmountFen: 5_000_000, maxTermMonths: 24, lender: '压测银行' },
    opensAt: new Date('2026-01-01T00:00:00+08:00'),
    closesAt: null,
    status: 'open',
    capacityTotal: null,
  });
  return String(doc._id);
}

export const LOAN_FORM = FORMS.loan;
/** The applicant's declaration a submission carries. */
export { DECLARED };
