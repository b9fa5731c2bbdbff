import { Types } from 'mongoose';
import { rawCollection, startTestApp, type TestContext } from '../../../test/kit';
import { renameLegacyLoanAmounts } from './model';

let t: TestContext;
beforeAll(async () => {
  t = await startTestApp({ seedCatalog: false });
});
afterAll(() => t.close());

describe('loans approved before one word per amount', () => {
  it('move their approved amount to loan.approvedFen at start, and only once', async () => {
    const _id = new Types.ObjectId();
    await rawCollection('applications').insertOne({ _id, kind: 'loan', loan: { approvedAmountFen: 2_000_000, termMonths: 12 } });
    expect(await renameLegacyLoanAmounts()).toBe(1);
    expect((await rawCollection('applications').findOne({ _id }))?.loan).toEqual({ approvedFen: 2_000_000, termMonths: 12 });
    expect(await renameLegacyLoanAmounts()).toBe(0);
  });
});
