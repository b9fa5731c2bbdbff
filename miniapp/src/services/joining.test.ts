import Taro from '@tarojs/taro';
import { actAs, applyFor, newAssisted, newResident } from '../testing/bff';
import { listApplications } from './applications';
import { confirmConsent, getMe, saveProfile } from './me';
import { TOKEN_STORAGE_KEY } from './session';

// A resident a station officer registered logs in with WeChat later and
// proves the same person: the app switches to the joined account.

beforeEach(() => Taro.clearStorageSync());

describe('joining the record a station officer registered', () => {
  it('switches to the joined account’s token when the profile save joins, and shows the assisted applications', async () => {
    const assisted = await newAssisted({ name: '帮办乙' }, { consentForm: true });
    const submitted = await applyFor(assisted, 'park-chunjiang');
    const wechat = await newResident(null);
    actAs(wechat);

    const me = await saveProfile(assisted.input);

    expect(me.id).toBe(assisted.id);
    expect(Taro.getStorageSync(TOKEN_STORAGE_KEY)).not.toBe(wechat.token);
    expect((await getMe()).id).toBe(assisted.id);
    const [application] = await listApplications();
    expect(application).toMatchObject({ id: submitted.id, assistedBy: { staffName: '管理员', communityName: '春江新城社区' } });
  });

  it('lets the joined resident confirm pending consent', async () => {
    const assisted = await newAssisted();
    actAs(await newResident(null));
    const joined = await saveProfile(assisted.input);
    expect(joined.assisted?.consent).toBe('pending');

    const confirmed = await confirmConsent();

    expect(confirmed.assisted?.consent).toBe('confirmed');
  });

  it('keeps the token and refuses when the mobile differs', async () => {
    const assisted = await newAssisted();
    const wechat = await newResident(null);
    actAs(wechat);

    await expect(saveProfile({ ...assisted.input, mobile: '13900001111' })).rejects.toMatchObject({ status: 409, code: 'ID_NUMBER_TAKEN' });
    expect(Taro.getStorageSync(TOKEN_STORAGE_KEY)).toBe(wechat.token);
  });
});
