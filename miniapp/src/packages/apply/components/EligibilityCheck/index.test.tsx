import { fireEvent, render, screen } from '@testing-library/react'
import { getMe } from '../../../../services/me'
import { loanProgram, profile, stallProgram } from '../../../../testing/fixtures'
import { EligibilityCheck } from '.'

jest.mock('../../../../services/me')
const me = jest.mocked(getMe)

const TODAY = new Date('2026-06-01T00:00:00Z')

beforeEach(() => {
  me.mockReset()
})

describe('EligibilityCheck', () => {
  it('lets an eligible resident start the application', async () => {
    me.mockResolvedValue({ id: 'r1', profile: profile({ categories: ['laid_off'] }) })
    render(<EligibilityCheck program={stallProgram()} today={TODAY} />)

    fireEvent.click(screen.getByText('我能申请吗？'))

    expect(await screen.findByText('您符合申请条件')).toBeTruthy()
    expect(screen.getByText('开始申请')).toBeTruthy()
  })

  it('says in plain words which rules are not met, before any form', async () => {
    me.mockResolvedValue({ id: 'r1', profile: profile({ categories: ['migrant_worker'] }) })
    render(<EligibilityCheck program={loanProgram()} today={TODAY} />)

    fireEvent.click(screen.getByText('我能申请吗？'))

    expect(await screen.findByText('暂不符合申请条件')).toBeTruthy()
    expect(screen.getByText('· 需属于以下人员类别之一：国企下岗职工')).toBeTruthy()
    expect(screen.getByText('· 需持有《再就业优惠证》，请在实名信息中填写证件编号')).toBeTruthy()
    expect(screen.queryByText('开始申请')).toBeNull()
  })

  it('asks for the profile first when there is none', async () => {
    me.mockResolvedValue({ id: 'r1', profile: null })
    render(<EligibilityCheck program={stallProgram()} today={TODAY} />)

    fireEvent.click(screen.getByText('我能申请吗？'))

    expect(await screen.findByText('请先填写实名信息')).toBeTruthy()
    expect(screen.getByText('填写实名信息')).toBeTruthy()
  })

  it('does not offer to apply while the programme is not accepting', async () => {
    me.mockResolvedValue({ id: 'r1', profile: profile() })
    render(<EligibilityCheck program={stallProgram({ acceptingNow: false })} today={TODAY} />)

    fireEvent.click(screen.getByText('我能申请吗？'))

    expect(await screen.findByText('这项服务现在不在受理时间内，请留意开放时间。')).toBeTruthy()
    expect(screen.queryByText('开始申请')).toBeNull()
  })
})
