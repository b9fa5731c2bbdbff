import { PRIVACY_NOTICE, type CommunityDirectory } from '@minsheng/shared';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { getCommunityDirectory } from '../../../../services/communities';
import { actAs, idNumber, masked, me, newResident, type Resident } from '../../../../testing/bff';
import { profile } from '../../../../testing/fixtures';
import { findField, typeInto } from '../../../../testing/taro';
import { ProfileForm } from '.';

let directory: CommunityDirectory;

beforeAll(async () => {
  directory = await getCommunityDirectory();
});

beforeEach(() => {
  Taro.clearStorageSync();
});

async function fillIn(id: string) {
  await typeInto('与身份证上一致', '张三');
  await typeInto('请输入 18 位身份证号', id);
  await typeInto('11 位手机号', '13800138000');
  fireEvent.click(screen.getByText('铁心桥街道'));
  fireEvent.click(screen.getByText('景明佳园社区'));
  fireEvent.click(screen.getByText('城镇户籍'));
  fireEvent.click(screen.getByText('就业困难人员'));
  fireEvent.click(screen.getByText(PRIVACY_NOTICE.consent));
}

describe('ProfileForm', () => {
  it('offers the communities of the chosen street only', () => {
    render(<ProfileForm directory={directory} profile={null} onSaved={jest.fn()} />);
    expect(screen.queryByText('春江新城社区')).toBeNull();

    fireEvent.click(screen.getByText('铁心桥街道'));

    expect(screen.getByText('春江新城社区')).toBeTruthy();
    expect(screen.queryByText('板桥社区')).toBeNull();
  });

  it('names each text field by its label for a screen reader, not only by its example', async () => {
    render(<ProfileForm directory={directory} profile={null} onSaved={jest.fn()} />);

    for (const [label, placeholder] of [
      ['姓名', '与身份证上一致'],
      ['身份证号', '请输入 18 位身份证号'],
      ['手机号', '11 位手机号'],
    ]) {
      expect(await screen.findByLabelText(label ?? '')).toBe(await findField(placeholder ?? ''));
    }
  });

  it('shows the verified 就业创业证 with its number, and takes no typed number', async () => {
    const shown = profile({
      certificate: {
        status: 'active',
        statusLabel: '已核验',
        number: 'JC-2026-000123',
        issuedAt: '2026-05-01T02:00:00.000Z',
        categories: [],
      },
    });
    render(<ProfileForm directory={directory} profile={shown} onSaved={jest.fn()} />);

    expect(await screen.findByText('已核验（JC-2026-000123）')).toBeTruthy();
    expect(document.querySelector('input[placeholder="证件上的编号"]')).toBeNull();
  });

  it('shows each missing answer at its field in Chinese', async () => {
    const resident = await newResident(null);
    actAs(resident);
    render(<ProfileForm directory={directory} profile={null} onSaved={jest.fn()} />);

    fireEvent.click(screen.getByText('保存'));

    expect(await screen.findByText('请填写身份证号')).toBeTruthy();
    expect(screen.getByText('请填写手机号')).toBeTruthy();
    expect(screen.getByText('请先选择街道，再选择社区')).toBeTruthy();
    expect(screen.getByText('请选择户籍类型')).toBeTruthy();
    expect((await me(resident)).profile).toBeNull();
  });

  it('shows the privacy notice before the form asks for the ID number', () => {
    render(<ProfileForm directory={directory} profile={null} onSaved={jest.fn()} />);

    const notice = screen.getByText(PRIVACY_NOTICE.title);
    const idField = screen.getByText('身份证号');
    expect(notice.compareDocumentPosition(idField) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    for (const paragraph of PRIVACY_NOTICE.paragraphs) expect(screen.getByText(paragraph)).toBeTruthy();
  });

  it('saves nothing until the privacy notice is agreed to, then records the version agreed', async () => {
    const resident = await newResident(null);
    actAs(resident);
    const onSaved = jest.fn();
    render(<ProfileForm directory={directory} profile={null} onSaved={onSaved} />);
    await fillIn(idNumber());
    fireEvent.click(screen.getByText(PRIVACY_NOTICE.consent));

    fireEvent.click(screen.getByText('保存'));

    expect(await screen.findByText('请先阅读并同意《个人信息保护告知》')).toBeTruthy();
    expect(onSaved).not.toHaveBeenCalled();
    expect((await me(resident)).profile).toBeNull();

    fireEvent.click(screen.getByText(PRIVACY_NOTICE.consent));
    expect(screen.queryByText('请先阅读并同意《个人信息保护告知》')).toBeNull();
    fireEvent.click(screen.getByText('保存'));

    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect((await me(resident)).profile?.privacyNotice).toMatchObject({ version: PRIVACY_NOTICE.version, via: 'resident' });
  });

  it('saves the profile with the ID number normalised by the shared schema', async () => {
    const resident = await newResident(null);
    actAs(resident);
    const id = idNumber('X');
    const onSaved = jest.fn();
    render(<ProfileForm directory={directory} profile={null} onSaved={onSaved} />);
    await fillIn(id.toLowerCase());

    fireEvent.click(screen.getByText('保存'));

    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    const stored = await me(resident);
    expect(onSaved).toHaveBeenCalledWith(stored);
    expect(stored.profile).toMatchObject({
      name: '张三',
      idNumberMasked: masked(id),
      mobile: '13800138000',
      community: 'jmjy',
      street: '铁心桥街道',
      householdType: 'urban',
      categories: ['hard_to_employ'],
    });
  });

  it('keeps the registered ID number when the field is left empty', async () => {
    const resident: Resident = await newResident({ community: 'cjxc', categories: ['laid_off'] });
    actAs(resident);
    const onSaved = jest.fn();
    render(<ProfileForm directory={directory} profile={resident.profile} onSaved={onSaved} />);

    fireEvent.click(screen.getByText('保存'));

    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect((await me(resident)).profile).toMatchObject({
      idNumberMasked: masked(resident.idNumber ?? ''),
      community: 'cjxc',
      categories: ['laid_off'],
    });
  });

  it('shows an ID number used by another account at the field', async () => {
    const other = await newResident();
    const resident = await newResident(null);
    actAs(resident);
    render(<ProfileForm directory={directory} profile={null} onSaved={jest.fn()} />);
    await fillIn(other.idNumber ?? '');

    fireEvent.click(screen.getByText('保存'));

    expect(await screen.findByText('该身份证号已被其他账号使用，请联系社区劳动保障站')).toBeTruthy();
    expect((await me(resident)).profile).toBeNull();
  });
});
