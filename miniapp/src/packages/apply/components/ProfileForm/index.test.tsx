import type { PlacesResponse } from '@minsheng/shared'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { saveProfile } from '../../../../services/me'
import { ApiError } from '../../../../services/request'
import { profile } from '../../../../testing/fixtures'
import { typeInto } from '../../../../testing/taro'
import { ProfileForm } from '.'

jest.mock('../../../../services/me')
const save = jest.mocked(saveProfile)

const PLACES: PlacesResponse = {
  streets: [
    {
      name: '铁心桥街道',
      communities: [
        { code: 'cjxc', name: '春江新城社区', street: '铁心桥街道', type: 'urban' },
        { code: 'jmjy', name: '景明佳园社区', street: '铁心桥街道', type: 'urban' },
      ],
    },
    { name: '板桥街道', communities: [{ code: 'bqsq', name: '板桥社区', street: '板桥街道', type: 'urban' }] },
  ],
}

beforeEach(() => {
  save.mockReset()
})

async function fillIn() {
  await typeInto('与身份证上一致', '张三')
  await typeInto('请输入 18 位身份证号', '32011419800101002x')
  await typeInto('11 位手机号', '13800138000')
  fireEvent.click(screen.getByText('铁心桥街道'))
  fireEvent.click(screen.getByText('景明佳园社区'))
  fireEvent.click(screen.getByText('城镇户籍'))
  fireEvent.click(screen.getByText('就业困难人员'))
}

describe('ProfileForm', () => {
  it('offers the communities of the chosen street only', () => {
    render(<ProfileForm places={PLACES} profile={null} onSaved={jest.fn()} />)
    expect(screen.queryByText('春江新城社区')).toBeNull()

    fireEvent.click(screen.getByText('铁心桥街道'))

    expect(screen.getByText('春江新城社区')).toBeTruthy()
    expect(screen.queryByText('板桥社区')).toBeNull()
  })

  it('shows each missing answer at its field in Chinese', async () => {
    render(<ProfileForm places={PLACES} profile={null} onSaved={jest.fn()} />)

    fireEvent.click(screen.getByText('保存'))

    expect(await screen.findByText('请填写身份证号')).toBeTruthy()
    expect(screen.getByText('请填写手机号')).toBeTruthy()
    expect(screen.getByText('请先选择街道，再选择社区')).toBeTruthy()
    expect(screen.getByText('请选择户籍类型')).toBeTruthy()
    expect(save).not.toHaveBeenCalled()
  })

  it('saves the profile with the ID number normalised by the shared schema', async () => {
    const saved = { id: 'r1', profile: profile() }
    save.mockResolvedValue(saved)
    const onSaved = jest.fn()
    render(<ProfileForm places={PLACES} profile={null} onSaved={onSaved} />)
    await fillIn()

    fireEvent.click(screen.getByText('保存'))

    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(saved))
    expect(save).toHaveBeenCalledWith({
      name: '张三',
      idNumber: '32011419800101002X',
      mobile: '13800138000',
      community: 'jmjy',
      householdType: 'urban',
      categories: ['hard_to_employ'],
    })
  })

  it('keeps the registered ID number when the field is left empty', async () => {
    save.mockResolvedValue({ id: 'r1', profile: profile() })
    render(<ProfileForm places={PLACES} profile={profile()} onSaved={jest.fn()} />)

    fireEvent.click(screen.getByText('保存'))

    await waitFor(() => expect(save).toHaveBeenCalled())
    expect(save.mock.calls[0]?.[0]).not.toHaveProperty('idNumber')
    expect(save.mock.calls[0]?.[0]).toMatchObject({ community: 'cjxc', categories: ['laid_off'] })
  })

  it('shows an ID number used by another account at the field', async () => {
    save.mockRejectedValue(new ApiError('ID_NUMBER_TAKEN', '该身份证号已被其他账号使用，请联系社区劳动保障站', 409))
    render(<ProfileForm places={PLACES} profile={null} onSaved={jest.fn()} />)
    await fillIn()

    fireEvent.click(screen.getByText('保存'))

    expect(await screen.findByText('该身份证号已被其他账号使用，请联系社区劳动保障站')).toBeTruthy()
  })
})
