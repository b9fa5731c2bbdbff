import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { submitApplication } from '../../../../services/applications'
import { ApiError, NetworkError } from '../../../../services/request'
import { readSeen } from '../../../../services/seen'
import { application, material, profile, stallProgram } from '../../../../testing/fixtures'
import { findField, typeInto } from '../../../../testing/taro'
import { ApplyFlow, draftKey } from '.'

jest.mock('../../../../services/applications')
const submit = jest.mocked(submitApplication)

const program = stallProgram()
const PLAN = '在市场里卖童装和袜子，进货渠道稳定。'
const PLAN_PLACEHOLDER = '打算卖什么、怎么经营，简单写几句'

function storeDraft(draft: object) {
  Taro.setStorageSync(`minsheng.draft.${draftKey(program.id)}`, draft)
}

/** A draft at the review step with everything filled in and uploaded. */
function readyToSubmit() {
  storeDraft({
    step: 2,
    values: { businessCategory: 'clothing', businessPlan: PLAN },
    materials: { id_card: material() },
  })
}

beforeEach(() => {
  Taro.clearStorageSync()
  submit.mockReset()
  jest.spyOn(Taro, 'pageScrollTo').mockResolvedValue({ errMsg: 'pageScrollTo:ok' })
})

afterEach(() => {
  jest.restoreAllMocks()
})

describe('ApplyFlow', () => {
  it('shows the shared schema’s Chinese errors at the fields when going on with an empty form', () => {
    render(<ApplyFlow program={program} profile={profile()} />)

    fireEvent.click(screen.getByText('下一步：上传材料'))

    expect(screen.getByText('请选择经营类别')).toBeTruthy()
    expect(screen.getByText('请填写经营设想')).toBeTruthy()
    expect(screen.getByText('第 1 步，共 3 步：填写申请')).toBeTruthy()
  })

  it('clears a field’s error once it is changed', () => {
    render(<ApplyFlow program={program} profile={profile()} />)
    fireEvent.click(screen.getByText('下一步：上传材料'))

    fireEvent.click(screen.getByText('服装'))

    expect(screen.queryByText('请选择经营类别')).toBeNull()
    expect(screen.getByText('请填写经营设想')).toBeTruthy()
  })

  it('saves the draft as it is typed', async () => {
    render(<ApplyFlow program={program} profile={profile()} />)

    await typeInto(PLAN_PLACEHOLDER, '卖早点')

    expect(Taro.getStorageSync(`minsheng.draft.${draftKey(program.id)}`)).toMatchObject({ values: { businessPlan: '卖早点' } })
  })

  it('restores the draft, at the step where the resident left', async () => {
    storeDraft({ step: 0, values: { businessCategory: 'clothing', businessPlan: PLAN }, materials: {} })

    render(<ApplyFlow program={program} profile={profile()} />)

    expect((await findField(PLAN_PLACEHOLDER)).value).toBe(PLAN)
    expect(screen.getByRole('radio', { checked: true }).textContent).toContain('服装')
  })

  it('asks for the required materials before the review', () => {
    storeDraft({ step: 1, values: { businessCategory: 'clothing', businessPlan: PLAN }, materials: {} })
    render(<ApplyFlow program={program} profile={profile()} />)

    fireEvent.click(screen.getByText('下一步：核对信息'))

    expect(screen.getByText('请上传：身份证正反面照片')).toBeTruthy()
  })

  it('reviews what will be sent, with the applicant’s masked numbers', () => {
    readyToSubmit()

    render(<ApplyFlow program={program} profile={profile()} />)

    expect(screen.getByText('第 3 步，共 3 步：核对并提交')).toBeTruthy()
    expect(screen.getByText('320***********002X')).toBeTruthy()
    expect(screen.getByText('138****8000')).toBeTruthy()
    expect(screen.getByText(PLAN)).toBeTruthy()
    expect(screen.getByText('已上传')).toBeTruthy()
  })

  it('submits, then shows the application number and what happens next, and forgets the draft', async () => {
    readyToSubmit()
    submit.mockResolvedValue(application({ version: 1 }))
    render(<ApplyFlow program={program} profile={profile()} />)

    fireEvent.click(screen.getByText('确认提交'))

    expect(await screen.findByText('YH-2026-000123')).toBeTruthy()
    expect(screen.getByText('1. 区劳动和社会保障局工作人员审核您的申请和材料。')).toBeTruthy()
    expect(submit).toHaveBeenCalledWith(
      {
        programId: program.id,
        form: { kind: 'stall', businessCategory: 'clothing', businessPlan: PLAN },
        materialIds: [material().id],
      },
      expect.any(String),
    )
    expect(Taro.getStorageSync(`minsheng.draft.${draftKey(program.id)}`)).toBe('')
    expect(readSeen()).toEqual({ [application().id]: 1 })
  })

  it('retries a failed submission with the same idempotency key', async () => {
    readyToSubmit()
    submit.mockRejectedValueOnce(new NetworkError(new Error('offline'))).mockResolvedValueOnce(application())
    render(<ApplyFlow program={program} profile={profile()} />)

    fireEvent.click(screen.getByText('确认提交'))
    fireEvent.click(await screen.findByText('重新提交'))

    await screen.findByText('YH-2026-000123')
    const [first, second] = submit.mock.calls.map(([, key]) => key)
    expect(second).toBe(first)
  })

  it('keeps the key across a restart when the same content is sent again', async () => {
    readyToSubmit()
    submit.mockRejectedValueOnce(new NetworkError(new Error('offline')))
    const first = render(<ApplyFlow program={program} profile={profile()} />)
    fireEvent.click(screen.getByText('确认提交'))
    await screen.findByText('重新提交')
    first.unmount()

    submit.mockResolvedValueOnce(application())
    render(<ApplyFlow program={program} profile={profile()} />)
    fireEvent.click(screen.getByText('确认提交'))
    await screen.findByText('YH-2026-000123')

    expect(submit.mock.calls[1]?.[1]).toBe(submit.mock.calls[0]?.[1])
  })

  it('uses a new key once the content changed', async () => {
    readyToSubmit()
    submit.mockRejectedValueOnce(new NetworkError(new Error('offline'))).mockResolvedValueOnce(application())
    render(<ApplyFlow program={program} profile={profile()} />)
    fireEvent.click(screen.getByText('确认提交'))
    await screen.findByText('重新提交')

    fireEvent.click(screen.getByText('修改申请内容'))
    fireEvent.click(screen.getByText('百货'))
    fireEvent.click(screen.getByText('下一步：上传材料'))
    fireEvent.click(screen.getByText('下一步：核对信息'))
    fireEvent.click(screen.getByText('确认提交'))
    await screen.findByText('YH-2026-000123')

    expect(submit.mock.calls[1]?.[1]).not.toBe(submit.mock.calls[0]?.[1])
  })

  it('takes the BFF’s field errors back to the form', async () => {
    readyToSubmit()
    submit.mockRejectedValue(
      new ApiError('VALIDATION_FAILED', '填写的内容有误，请检查后重试', 400, { 'form.businessCategory': '该园区没有这个经营类别' }),
    )
    render(<ApplyFlow program={program} profile={profile()} />)

    fireEvent.click(screen.getByText('确认提交'))

    expect(await screen.findByText('该园区没有这个经营类别')).toBeTruthy()
    expect(screen.getByText('第 1 步，共 3 步：填写申请')).toBeTruthy()
  })

  it('points to the existing application when one is already live', async () => {
    readyToSubmit()
    submit.mockRejectedValue(
      new ApiError('DUPLICATE_APPLICATION', '您已有一份正在办理的同类申请（YH-2026-000007），无需重复提交', 409, {}, { applicationId: 'a7' }),
    )
    render(<ApplyFlow program={program} profile={profile()} />)

    fireEvent.click(screen.getByText('确认提交'))

    expect(await screen.findByText('您已有一份正在办理的同类申请（YH-2026-000007），无需重复提交')).toBeTruthy()
    await waitFor(() => expect(screen.getByText('查看已有的申请')).toBeTruthy())
  })
})
