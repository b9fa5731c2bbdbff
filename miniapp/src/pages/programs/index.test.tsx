import { Current } from '@tarojs/runtime'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { openPrograms } from '../../routes'
import { listPrograms } from '../../services/programs'
import { loanProgram, stallProgram } from '../../testing/fixtures'
import Programs from './index'

jest.mock('../../services/programs')
const list = jest.mocked(listPrograms)

function openWith(params: Record<string, string>) {
  Current.router = { params, path: '/pages/programs/index', $taroPath: '', onReady: '', onHide: '', onShow: '' }
}

beforeEach(() => {
  list.mockReset()
  list.mockImplementation(async (kind) => [stallProgram(), loanProgram()].filter((p) => !kind || p.kind === kind))
})

afterEach(() => {
  Current.router = null
  jest.restoreAllMocks()
})

describe('programme list', () => {
  it('filters by the kind in ?kind=', async () => {
    openWith({ kind: 'loan' })

    render(<Programs />)

    expect(await screen.findAllByText('查看详情和申请 ›')).toHaveLength(1)
    expect(list).toHaveBeenCalledWith('loan')
    expect(screen.queryByText('春江新城创业大市场摊位')).toBeNull()
  })

  it('shows every kind for an unknown ?kind=', async () => {
    openWith({ kind: 'lottery' })

    render(<Programs />)

    expect(await screen.findByText('春江新城创业大市场摊位')).toBeTruthy()
    expect(list).toHaveBeenCalledWith(undefined)
  })

  it('opens on the kind chosen on the home page (a tab takes no query)', async () => {
    jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' })
    openWith({})
    openPrograms('stall')

    render(<Programs />)

    expect(await screen.findByText('春江新城创业大市场摊位')).toBeTruthy()
    expect(list).toHaveBeenCalledWith('stall')
  })

  it('switches kind with the filter buttons, showing places left', async () => {
    openWith({ kind: 'loan' })
    render(<Programs />)
    await screen.findAllByText('查看详情和申请 ›')

    fireEvent.click(screen.getByText('全部'))

    await waitFor(() => expect(list).toHaveBeenLastCalledWith(undefined))
    expect(await screen.findByText('剩余 12 个摊位')).toBeTruthy()
  })
})
