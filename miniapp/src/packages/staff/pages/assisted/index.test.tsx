import { render, screen, waitFor, fireEvent } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { masked, newAssisted } from '../../../../testing/bff';
import { logInAsAdmin } from '../../testing/staff';
import AssistedList from './index';

// Against the real BFF of the Jest run, as its administrator.

beforeEach(async () => {
  Taro.clearStorageSync();
  await logInAsAdmin();
  jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
});
afterEach(() => jest.restoreAllMocks());

it('lists registered residents with masked ID number and consent, and opens one', async () => {
  const assisted = await newAssisted({ name: '帮办丙' }, { consentForm: true });
  render(<AssistedList />);

  await waitFor(() => expect(screen.getByText('帮办丙')).toBeTruthy());
  expect(screen.getAllByText(masked(assisted.input.idNumber ?? '')).length).toBe(1);
  expect(screen.getAllByText(/授权：已上传签字授权书/).length).toBeGreaterThan(0);

  fireEvent.click(screen.getByText('帮办丙'));
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/packages/staff/pages/assisted-resident/index?id=${assisted.id}` });
});

it('leads to the registration form', async () => {
  render(<AssistedList />);
  fireEvent.click(await screen.findByText('登记居民'));
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/assisted-register/index' });
});
