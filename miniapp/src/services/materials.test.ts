import Taro from '@tarojs/taro'
import { uploadMaterial } from './materials'
import { ApiError, NetworkError, TOKEN_STORAGE_KEY } from './request'

type Progress = (update: { progress: number; totalBytesSent: number; totalBytesExpectedToSend: number }) => void

// Taro.uploadFile stands in for the BFF: it reports progress, then answers with text as WeChat does.
function fakeUpload(answer: { statusCode: number; body: unknown } | Error, progress: number[] = []) {
  return jest.spyOn(Taro, 'uploadFile').mockImplementation(((options: Taro.uploadFile.Option) => {
    let listener: Progress | undefined
    const done = new Promise((resolve, reject) => {
      setTimeout(() => {
        for (const p of progress) listener?.({ progress: p, totalBytesSent: p, totalBytesExpectedToSend: 100 })
        if (answer instanceof Error) reject(answer)
        else resolve({ statusCode: answer.statusCode, data: JSON.stringify(answer.body), errMsg: 'uploadFile:ok' })
      }, 0)
    })
    void options
    return Object.assign(done, {
      onProgressUpdate: (cb: Progress) => {
        listener = cb
      },
    })
  }) as unknown as typeof Taro.uploadFile)
}

const MATERIAL = { id: '65f0a1b2c3d4e5f6a7b8c9e0', filename: 'id.jpg', contentType: 'image/jpeg', size: 10, purpose: 'id_card', uploadedAt: '2026-03-01T02:00:00.000Z' }

beforeEach(() => {
  Taro.clearStorageSync()
  Taro.setStorageSync(TOKEN_STORAGE_KEY, 'token-1')
  Taro.setStorageSync('minsheng.tokenExpiresAt', '2099-01-01T00:00:00.000Z')
})

afterEach(() => {
  jest.restoreAllMocks()
})

describe('uploadMaterial', () => {
  it('posts the file as multipart field "file" with its purpose and the bearer token', async () => {
    const upload = fakeUpload({ statusCode: 201, body: MATERIAL })

    await expect(uploadMaterial({ filePath: 'blob:x', purpose: 'id_card', fileName: '身份证.jpg' })).resolves.toEqual(MATERIAL)

    expect(upload).toHaveBeenCalledWith(
      expect.objectContaining({
        url: 'http://127.0.0.1:3000/api/materials',
        filePath: 'blob:x',
        name: 'file',
        formData: { purpose: 'id_card' },
        fileName: '身份证.jpg',
        withCredentials: false,
        header: expect.objectContaining({ Authorization: 'Bearer token-1' }),
      }),
    )
  })

  it('reports progress from the upload task', async () => {
    fakeUpload({ statusCode: 201, body: MATERIAL }, [30, 100])
    const seen: number[] = []

    await uploadMaterial({ filePath: 'blob:x', purpose: 'id_card', onProgress: (p) => seen.push(p) })

    expect(seen).toEqual([30, 100])
  })

  it('turns an error answer into an ApiError with the Chinese message', async () => {
    fakeUpload({ statusCode: 415, body: { error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的文件或内容类型' } } })

    const error: unknown = await uploadMaterial({ filePath: 'blob:x', purpose: 'id_card' }).catch((e: unknown) => e)

    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', status: 415, message: '不支持的文件或内容类型' })
  })

  it('turns a failed upload into a NetworkError', async () => {
    fakeUpload(new Error('uploadFile:fail timeout'))

    await expect(uploadMaterial({ filePath: 'blob:x', purpose: 'id_card' })).rejects.toBeInstanceOf(NetworkError)
  })
})
