import type { Application } from '@minsheng/shared'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { resubmitApplication, withdrawApplication } from '../../../../services/applications'
import { ApiError } from '../../../../services/request'
import { application, stallProgram } from '../../../../testing/fixtures'
import { findField } from '../../../../testing/taro'
import { ApplicationDetail } from '.'

jest.mock('../../../../services/applications')
const withdraw = jest.mocked(withdrawApplication)
const resubmit = jest.mocked(resubmitApplication)

const PLAN = '在市场里卖童装和袜子，进货渠道稳定。'

const needsInfo = (): Application =>
  application({
    status: 'needs_info',
    version: 3,
    history: [
      { at: '2026-03-01T02:00:00.000Z', action: 'submit', from: null, to: 'submitted', actorRole: 'resident' },
      { at: '2026-03-02T02:00:00.000Z', action: 'start_review', from: 'submitted', to: 'under_review', actorRole: 'reviewer' },
      {
        at: '2026-03-03T06:30:00.000Z',
        action: 'request_info',
        from: 'under_review',
        to: 'needs_info',
        actorRole: 'reviewer',
        reason: '身份证照片看不清，请重新拍摄',
      },
    ],
  })

function renderDetail(app: Application, onChange = jest.fn(), onStale = jest.fn()) {
  render(<ApplicationDetail application={app} program={stallProgram()} onChange={onChange} onStale={onStale} />)
  return { onChange, onStale }
}

beforeEach(() => {
  withdraw.mockReset()
  resubmit.mockReset()
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
})

afterEach(() => {
  jest.restoreAllMocks()
})

describe('ApplicationDetail', () => {
  it('shows the status in words and the history as a timeline, newest first', () => {
    renderDetail(needsInfo())

    expect(screen.getAllByText('待补充材料').length).toBeGreaterThan(0)
    const statuses = Array.from(document.querySelectorAll('.timeline__status')).map((el) => el.textContent)
    expect(statuses).toEqual(['待补充材料', '审核中', '已提交'])
    expect(screen.getByText('2026年3月3日 14:30 · 区就业服务工作人员要求补充材料')).toBeTruthy()
  })

  it('gives the reason more information is needed and a form to resubmit', async () => {
    renderDetail(needsInfo())

    expect(screen.getByText('工作人员说明：身份证照片看不清，请重新拍摄')).toBeTruthy()
    expect((await findField('打算卖什么、怎么经营，简单写几句')).value).toBe(PLAN)
    expect(screen.getByText('补充完成，重新提交')).toBeTruthy()
  })

  it('resubmits with the version the resident saw', async () => {
    const after = application({ status: 'submitted', version: 4 })
    resubmit.mockResolvedValue(after)
    const { onChange } = renderDetail(needsInfo())

    fireEvent.click(screen.getByText('补充完成，重新提交'))

    await waitFor(() => expect(onChange).toHaveBeenCalledWith(after))
    expect(resubmit).toHaveBeenCalledWith(application().id, {
      version: 3,
      form: { kind: 'stall', businessCategory: 'clothing', businessPlan: PLAN },
      materialIds: [application().materials[0]?.id],
    })
  })

  it('offers no resubmission unless information was asked for', () => {
    renderDetail(application({ status: 'under_review' }))

    expect(screen.queryByText('补充完成，重新提交')).toBeNull()
    expect(screen.getByText('撤回申请')).toBeTruthy()
  })

  it('withdraws with the version after the resident confirms', async () => {
    jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    const after = application({ status: 'withdrawn', version: 2 })
    withdraw.mockResolvedValue(after)
    const { onChange } = renderDetail(application({ version: 1 }))

    fireEvent.click(screen.getByText('撤回申请'))

    await waitFor(() => expect(onChange).toHaveBeenCalledWith(after))
    expect(withdraw).toHaveBeenCalledWith(application().id, 1)
  })

  it('does nothing when the resident changes their mind', async () => {
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: false, cancel: true, errMsg: 'showModal:ok' })
    renderDetail(application())

    fireEvent.click(screen.getByText('撤回申请'))

    await waitFor(() => expect(modal).toHaveBeenCalled())
    expect(withdraw).not.toHaveBeenCalled()
  })

  it('reloads when staff changed the application first', async () => {
    jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    withdraw.mockRejectedValue(new ApiError('STALE_VERSION', '申请已被他人处理，请刷新后重试', 409))
    const { onStale } = renderDetail(application())

    fireEvent.click(screen.getByText('撤回申请'))

    expect(await screen.findByText('申请已被他人处理，请刷新后重试')).toBeTruthy()
    expect(onStale).toHaveBeenCalled()
  })

  it('has no withdraw button once decided', () => {
    renderDetail(application({ status: 'approved', assignment: { label: 'CJ-012' } }))

    expect(screen.queryByText('撤回申请')).toBeNull()
    expect(screen.getByText('CJ-012')).toBeTruthy()
  })
})
