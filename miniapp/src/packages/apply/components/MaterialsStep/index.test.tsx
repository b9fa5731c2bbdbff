import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { uploadMaterial, type UploadMaterialOptions } from '../../../../services/materials'
import { NetworkError } from '../../../../services/request'
import { ID_CARD, material } from '../../../../testing/fixtures'
import { MaterialsStep } from '.'

jest.mock('../../../../services/materials')
const upload = jest.mocked(uploadMaterial)

const OPTIONAL = { code: 'business_plan', label: '创业计划书（可选）', required: false }

function chooseImageGives(path: string) {
  return jest.spyOn(Taro, 'chooseImage').mockResolvedValue({
    tempFilePaths: [path],
    tempFiles: [{ path, size: 10, originalFileObj: new File(['x'], '身份证.jpg') }],
    errMsg: 'chooseImage:ok',
  })
}

beforeEach(() => {
  upload.mockReset()
})

afterEach(() => {
  jest.restoreAllMocks()
})

describe('MaterialsStep', () => {
  it('marks which materials must be uploaded', () => {
    render(<MaterialsStep requirements={[ID_CARD, OPTIONAL]} uploaded={{}} onUploaded={jest.fn()} />)

    expect(screen.getByText('必须上传')).toBeTruthy()
    expect(screen.getByText('可不传')).toBeTruthy()
  })

  it('uploads the chosen photo for its purpose, showing the progress', async () => {
    chooseImageGives('blob:photo')
    let report: ((percent: number) => void) | undefined
    let finish: (() => void) | undefined
    upload.mockImplementation((options: UploadMaterialOptions) => {
      report = options.onProgress
      return new Promise((resolve) => {
        finish = () => resolve(material())
      })
    })
    const onUploaded = jest.fn()
    render(<MaterialsStep requirements={[ID_CARD]} uploaded={{}} onUploaded={onUploaded} />)

    fireEvent.click(screen.getByText('拍照或选择照片'))
    await waitFor(() => expect(report).toBeDefined())
    act(() => report?.(45))

    expect(await screen.findByText('正在上传 45%')).toBeTruthy()
    expect(upload).toHaveBeenCalledWith(expect.objectContaining({ filePath: 'blob:photo', purpose: 'id_card', fileName: '身份证.jpg' }))

    await act(async () => finish?.())
    await waitFor(() => expect(onUploaded).toHaveBeenCalledWith('id_card', material()))
  })

  it('says the upload failed and offers to try again', async () => {
    chooseImageGives('blob:photo')
    upload.mockRejectedValue(new NetworkError(new Error('offline')))
    render(<MaterialsStep requirements={[ID_CARD]} uploaded={{}} onUploaded={jest.fn()} />)

    fireEvent.click(screen.getByText('拍照或选择照片'))

    expect(await screen.findByText('上传没有成功：网络连接失败，请检查网络后重试')).toBeTruthy()
    expect(screen.getByText('重新上传')).toBeTruthy()
  })

  it('does nothing when the resident closes the picker', async () => {
    const choose = jest.spyOn(Taro, 'chooseImage').mockRejectedValue({ errMsg: 'chooseImage:fail cancel' })
    render(<MaterialsStep requirements={[ID_CARD]} uploaded={{}} onUploaded={jest.fn()} />)

    fireEvent.click(screen.getByText('拍照或选择照片'))

    await waitFor(() => expect(choose).toHaveBeenCalled())
    expect(upload).not.toHaveBeenCalled()
  })

  it('shows what is already uploaded', () => {
    render(<MaterialsStep requirements={[ID_CARD]} uploaded={{ id_card: material() }} onUploaded={jest.fn()} />)

    expect(screen.getByText('✓ 已上传：id.jpg')).toBeTruthy()
    expect(screen.getByText('换一张')).toBeTruthy()
  })
})
