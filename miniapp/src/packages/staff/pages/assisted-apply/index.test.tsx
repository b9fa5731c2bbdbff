import { APPLICANT_DECLARATION } from '@minsheng/shared';
import { fireEvent, render, screen } from '@testing-library/react';
import { Current } from '@tarojs/runtime';
import Taro from '@tarojs/taro';
import { draftKey } from '../../../apply/components/ApplyFlow';
import { getAssisted } from '../../../../services/staffAssisted';
import { masked, newAssisted, PLAN, programByCode, uploadPhotoFor } from '../../../../testing/bff';
import { logInAsAdmin } from '../../testing/staff';
import AssistedApply from './index';

// Against the real BFF of the Jest run, as its administrator: the resident's
// apply flow, submitted through the officer's route.

const PATH = '/packages/staff/pages/assisted-apply/index';

beforeEach(async () => {
  Taro.clearStorageSync();
  await logInAsAdmin();
  jest.spyOn(Taro, 'pageScrollTo').mockResolvedValue({ errMsg: 'pageScrollTo:ok' });
});
afterEach(() => {
  Current.router = null;
  jest.restoreAllMocks();
});

it('submits the reviewed draft for the resident, who then has the application, marked as assisted', async () => {
  const park = await programByCode('park-chunjiang');
  const assisted = await newAssisted({ name: '帮办丁' }, { consentForm: true });
  const idCard = await uploadPhotoFor(assisted);
  Taro.setStorageSync(`minsheng.draft.${draftKey(park.id)}.for.${assisted.id}`, {
    step: 2,
    values: { businessCategory: 'clothing', businessPlan: PLAN },
    materials: { id_card: idCard },
  });
  Current.router = { params: { id: assisted.id, programId: park.id }, path: PATH, $taroPath: PATH, onReady: '', onHide: '', onShow: '' };
  render(<AssistedApply />);

  expect(await screen.findByText(`为 帮办丁（${masked(assisted.input.idNumber ?? '')}）代为申请`)).toBeTruthy();
  expect(screen.getByText(APPLICANT_DECLARATION.text)).toBeTruthy();
  fireEvent.click(screen.getByText('已向申请人本人宣读以上承诺，本人确认'));
  fireEvent.click(screen.getByText('确认提交'));

  expect(await screen.findByText('申请已提交')).toBeTruthy();
  const [application] = (await getAssisted(assisted.id)).applications;
  expect(application).toMatchObject({ programId: park.id, assisted: true, applicantName: '帮办丁' });
});
