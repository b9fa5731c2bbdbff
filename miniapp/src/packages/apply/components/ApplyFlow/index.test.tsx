import type { Material, Program } from '@minsheng/shared';
import { APPLICANT_DECLARATION } from '@minsheng/shared';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { readSeen } from '../../../../services/seen';
import {
  actAs,
  apply,
  applicationsOf,
  createProgram,
  FORMS,
  masked,
  newResident,
  offline,
  PLAN,
  profileOf,
  programByCode,
  updateProgram,
  uploadPhoto,
  type Resident,
} from '../../../../testing/bff';
import { ID_CARD } from '../../../../testing/fixtures';
import { findField, typeInto } from '../../../../testing/taro';
import { ApplyFlow, draftKey, type ApplyDraft } from '.';

const PLAN_PLACEHOLDER = '打算卖什么、怎么经营，简单写几句';
const APPLICATION_NUMBER = /^YH-\d{4}-\d{6}$/;

let park: Program;
/** A resident who fills in forms in these tests but never submits. */
let browsing: Resident;
let browsingIdCard: Material;

beforeAll(async () => {
  park = await programByCode('park-chunjiang');
  browsing = await newResident();
  browsingIdCard = await uploadPhoto(browsing);
});

beforeEach(() => {
  Taro.clearStorageSync();
  jest.spyOn(Taro, 'pageScrollTo').mockResolvedValue({ errMsg: 'pageScrollTo:ok' });
});

afterEach(() => {
  jest.restoreAllMocks();
});

function storeDraft(draft: ApplyDraft, program: Program = park) {
  Taro.setStorageSync(`minsheng.draft.${draftKey(program.id)}`, draft);
}

const storedDraft = (program: Program = park): unknown => Taro.getStorageSync(`minsheng.draft.${draftKey(program.id)}`);

/** A resident of their own, acted as, whose draft is at the review step with everything filled in and the ID card uploaded. */
async function readyToSubmit(program: Program = park): Promise<{ resident: Resident; idCard: Material }> {
  const resident = await newResident();
  const idCard = await uploadPhoto(resident);
  actAs(resident);
  storeDraft({ step: 2, values: { businessCategory: 'clothing', businessPlan: PLAN }, materials: { id_card: idCard } }, program);
  return { resident, idCard };
}

/** Watches the app's requests (without changing them) for the Idempotency-Key of each submission attempt. */
function watchSubmissions(): () => unknown[] {
  const request = jest.spyOn(Taro, 'request');
  return () =>
    request.mock.calls
      .map(([options]) => options)
      .filter((options) => options.method === 'POST' && options.url.endsWith('/api/applications'))
      .map((options) => options.header?.['Idempotency-Key']);
}

/** The words beside the declaration's box. */
const DECLARE = '我已阅读并作出以上承诺';

/** Ticks 本人承诺 unless it is ticked already, then taps 确认提交, as a resident does. */
function declareAndSubmit() {
  if (screen.getByText(DECLARE).closest('[aria-checked]')?.getAttribute('aria-checked') !== 'true')
    fireEvent.click(screen.getByText(DECLARE));
  fireEvent.click(screen.getByText('确认提交'));
}

/** Taps 确认提交 with the BFF out of reach, and waits until the app gives up. */
async function submitOffline() {
  await offline(async () => {
    declareAndSubmit();
    await screen.findByText('重新提交');
  });
}

describe('ApplyFlow', () => {
  it('shows the shared schema’s Chinese errors at the fields when going on with an empty form', () => {
    render(<ApplyFlow program={park} profile={profileOf(browsing)} />);

    fireEvent.click(screen.getByText('下一步：上传材料'));

    expect(screen.getByText('请选择经营类别')).toBeTruthy();
    expect(screen.getByText('请填写经营设想')).toBeTruthy();
    expect(screen.getByText('第 1 步，共 3 步：填写申请')).toBeTruthy();
  });

  it('clears a field’s error once it is changed', () => {
    render(<ApplyFlow program={park} profile={profileOf(browsing)} />);
    fireEvent.click(screen.getByText('下一步：上传材料'));

    fireEvent.click(screen.getByText('服装'));

    expect(screen.queryByText('请选择经营类别')).toBeNull();
    expect(screen.getByText('请填写经营设想')).toBeTruthy();
  });

  it('saves the draft as it is typed', async () => {
    render(<ApplyFlow program={park} profile={profileOf(browsing)} />);

    await typeInto(PLAN_PLACEHOLDER, '卖早点');

    expect(storedDraft()).toMatchObject({ values: { businessPlan: '卖早点' } });
  });

  it('restores the draft, at the step where the resident left', async () => {
    storeDraft({ step: 0, values: { businessCategory: 'clothing', businessPlan: PLAN }, materials: {} });

    render(<ApplyFlow program={park} profile={profileOf(browsing)} />);

    expect((await findField(PLAN_PLACEHOLDER)).value).toBe(PLAN);
    expect(screen.getByRole('radio', { checked: true }).textContent).toContain('服装');
  });

  it('asks for the required materials before the review', () => {
    storeDraft({ step: 1, values: { businessCategory: 'clothing', businessPlan: PLAN }, materials: {} });
    render(<ApplyFlow program={park} profile={profileOf(browsing)} />);

    fireEvent.click(screen.getByText('下一步：核对信息'));

    expect(screen.getByText('请上传：身份证正反面照片')).toBeTruthy();
  });

  it('reviews what will be sent, with the applicant’s masked numbers', () => {
    storeDraft({ step: 2, values: { businessCategory: 'clothing', businessPlan: PLAN }, materials: { id_card: browsingIdCard } });

    render(<ApplyFlow program={park} profile={profileOf(browsing)} />);

    expect(screen.getByText('第 3 步，共 3 步：核对并提交')).toBeTruthy();
    expect(screen.getByText(masked(browsing.idNumber ?? ''))).toBeTruthy();
    expect(screen.getByText('138****8000')).toBeTruthy();
    expect(screen.getByText(PLAN)).toBeTruthy();
    expect(screen.getByText('已上传')).toBeTruthy();
  });

  it('submits, then shows the application number and what happens next, and forgets the draft', async () => {
    const { resident, idCard } = await readyToSubmit();
    render(<ApplyFlow program={park} profile={profileOf(resident)} />);

    declareAndSubmit();

    const number = await screen.findByText(APPLICATION_NUMBER);
    expect(screen.getByText('1. 区劳动和社会保障局工作人员审核您的申请和材料。')).toBeTruthy();
    const [application, ...others] = await applicationsOf(resident);
    expect(others).toEqual([]);
    expect(application).toMatchObject({ number: number.textContent, programId: park.id, form: FORMS.stall, status: 'submitted' });
    expect(application?.materials.map((m) => m.id)).toEqual([idCard.id]);
    expect(storedDraft()).toBe('');
    expect(readSeen()).toEqual({ [application?.id ?? '']: 1 });
  });

  it('sends nothing until the applicant ticks 本人承诺, and records the declaration with the application', async () => {
    const { resident } = await readyToSubmit();
    const submissions = watchSubmissions();
    render(<ApplyFlow program={park} profile={profileOf(resident)} />);
    expect(screen.getByText(APPLICANT_DECLARATION.text)).toBeTruthy();

    fireEvent.click(screen.getByText('确认提交'));

    expect(await screen.findByText('请勾选“本人承诺所填信息真实”')).toBeTruthy();
    expect(submissions()).toEqual([]);
    expect(await applicationsOf(resident)).toEqual([]);

    declareAndSubmit();

    await screen.findByText(APPLICATION_NUMBER);
    const [application] = await applicationsOf(resident);
    expect(application?.declaration).toMatchObject({ version: APPLICANT_DECLARATION.version, via: 'resident' });
  });

  it('retries a failed submission with the same idempotency key', async () => {
    const { resident } = await readyToSubmit();
    const submissions = watchSubmissions();
    render(<ApplyFlow program={park} profile={profileOf(resident)} />);
    await submitOffline();

    fireEvent.click(screen.getByText('重新提交'));

    await screen.findByText(APPLICATION_NUMBER);
    const keys = submissions();
    expect(keys).toHaveLength(4);
    expect(new Set(keys).size).toBe(1);
    expect(await applicationsOf(resident)).toHaveLength(1);
  });

  it('keeps the key across a restart when the same content is sent again', async () => {
    const { resident } = await readyToSubmit();
    const submissions = watchSubmissions();
    const first = render(<ApplyFlow program={park} profile={profileOf(resident)} />);
    await submitOffline();
    first.unmount();

    render(<ApplyFlow program={park} profile={profileOf(resident)} />);
    declareAndSubmit();
    await screen.findByText(APPLICATION_NUMBER);

    const keys = submissions();
    expect(keys).toHaveLength(4);
    expect(new Set(keys).size).toBe(1);
  });

  it('uses a new key once the content changed', async () => {
    const { resident } = await readyToSubmit();
    const submissions = watchSubmissions();
    render(<ApplyFlow program={park} profile={profileOf(resident)} />);
    await submitOffline();

    fireEvent.click(screen.getByText('修改申请内容'));
    fireEvent.click(screen.getByText('百货'));
    fireEvent.click(screen.getByText('下一步：上传材料'));
    fireEvent.click(screen.getByText('下一步：核对信息'));
    declareAndSubmit();
    await screen.findByText(APPLICATION_NUMBER);

    const keys = submissions();
    expect(keys.at(-1)).not.toBe(keys[0]);
    expect((await applicationsOf(resident))[0]?.form).toMatchObject({ businessCategory: 'general_goods' });
  });

  describe('at a park whose categories staff narrowed while the resident filled in the form', () => {
    let narrowed: Program;

    beforeAll(async () => {
      narrowed = await createProgram({
        kind: 'stall',
        details: { park: '测试创业园', address: '测试地址', categories: ['general_goods', 'clothing'] },
        capacity: { places: 3, prefix: 'T' },
        materials: [ID_CARD],
      });
    });

    afterAll(async () => {
      await updateProgram(narrowed.id, { status: 'closed' });
    });

    it('takes the BFF’s field errors back to the form', async () => {
      const { resident } = await readyToSubmit(narrowed);
      render(<ApplyFlow program={narrowed} profile={profileOf(resident)} />);
      await updateProgram(narrowed.id, { details: { ...narrowed.details, categories: ['general_goods'] } });

      declareAndSubmit();

      expect(await screen.findByText('该园区没有这个经营类别')).toBeTruthy();
      expect(screen.getByText('第 1 步，共 3 步：填写申请')).toBeTruthy();
    });
  });

  it('points to the existing application when one is already live', async () => {
    const { resident } = await readyToSubmit();
    const existing = await apply(resident, 'park-chunjiang');
    render(<ApplyFlow program={park} profile={profileOf(resident)} />);

    declareAndSubmit();

    expect(await screen.findByText(`您已有一份正在办理的同类申请（${existing.number}），无需重复提交`)).toBeTruthy();
    await waitFor(() => expect(screen.getByText('查看已有的申请')).toBeTruthy());
  });
});
