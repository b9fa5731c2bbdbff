import type { MeResponse } from '@minsheng/shared';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { actAs, newAssisted, newResident } from '../../testing/bff';
import { saveProfile } from '../../services/me';
import { ConsentPrompt } from './index';

// Against the real BFF: a resident an officer registered joins with WeChat, then confirms.

beforeEach(() => Taro.clearStorageSync());

it('asks a joined resident with pending consent to confirm, and confirms it', async () => {
  const assisted = await newAssisted();
  actAs(await newResident(null));
  const me = await saveProfile(assisted.input);
  let after: MeResponse | null = null;
  render(<ConsentPrompt me={me} onConfirmed={(m) => (after = m)} />);

  expect(screen.getByText('请确认帮办授权')).toBeTruthy();
  expect(screen.getByText(/春江新城社区的管理员为您登记了实名信息/)).toBeTruthy();
  fireEvent.click(screen.getByText('同意由工作人员代为办理'));

  await waitFor(() => expect(after).not.toBeNull());
  expect(after).toMatchObject({ id: assisted.id, assisted: { consent: 'confirmed' } });
});

it('shows nothing to a resident nobody registered', async () => {
  const resident = await newResident();
  actAs(resident);
  const { container } = render(<ConsentPrompt me={{ id: 'x', profile: resident.profile }} onConfirmed={() => undefined} />);
  expect(container.textContent).toBe('');
});
