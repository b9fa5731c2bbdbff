import { createProgram, rawCollection, step, submitFresh, useTestApp } from '../../../../test/kit';

// The applications' rows (read-models/model.ts `applicationrows`): one small
// document per application, open or closed, that follows every step; the
// export reads them instead of the whole applications.

const t = useTestApp({ seedCatalog: false, staff: ['reviewer', 'admin'] });

async function exportedRow(number: string): Promise<string[] | undefined> {
  const res = await t.admin.get('/api/admin/export?format=csv');
  expect(res.status).toBe(200);
  return res.text
    .slice(1)
    .split('\r\n')
    .map((line) => line.split(','))
    .find((cells) => cells[0] === number);
}

describe('the applications’ rows', () => {
  it('follow an application from submission through its steps to closed, at its revision', async () => {
    const programId = await createProgram({ kind: 'stall' }, 2);
    const app = await submitFresh(t.kit, programId, 'stall');
    const row = () => rawCollection('applicationrows').findOne({ number: app.number });

    expect(await row()).toMatchObject({ status: 'submitted', version: 1, decidedAt: null });
    expect((await exportedRow(app.number))?.[3]).toBe('已提交');

    await step(t.reviewer, app.id, { action: 'start_review', version: 1 });
    const approved = await step(t.reviewer, app.id, { action: 'approve', version: 2 });
    expect(await row()).toMatchObject({ status: 'approved', version: 3, assignment: { label: approved.assignment?.label } });
    expect((await row())?.decidedAt).toBeInstanceOf(Date);
    expect((await exportedRow(app.number))?.[11]).toBe(approved.assignment?.label);

    // Closed: gone from the queue, still in the rows (and the export).
    await step(t.admin, app.id, { action: 'release', version: 3 });
    expect(await rawCollection('queueitems').findOne({ number: app.number })).toBeNull();
    expect(await row()).toMatchObject({ status: 'released', version: 4 });
    expect(await exportedRow(app.number)).toBeDefined();
  });

  it('hold no form, history or sealed field: only what the filter and the export read', async () => {
    const programId = await createProgram({ kind: 'training' }, 2);
    const app = await submitFresh(t.kit, programId, 'training');
    const stored = await rawCollection('applicationrows').findOne({ number: app.number });
    expect(Object.keys(stored ?? {}).sort()).toEqual(
      [
        '_id',
        'applicant',
        'assisted',
        'community',
        'decidedAt',
        'kind',
        'number',
        'programId',
        'programTitle',
        'status',
        'street',
        'submittedAt',
        'updatedAt',
        'version',
      ].sort(),
    );
    expect(Object.keys(stored?.applicant ?? {}).sort()).toEqual(['idNumberHash', 'idNumberMasked', 'mobileMasked', 'mobileTail', 'name']);
  });
});
