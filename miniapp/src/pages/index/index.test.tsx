import { render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { listApplications } from '../../services/applications'
import { listPrograms } from '../../services/programs'
import { markSeen } from '../../services/seen'
import { application, loanProgram, stallProgram, trainingProgram } from '../../testing/fixtures'
import Index, { openNow } from './index'

jest.mock('../../services/programs')
jest.mock('../../services/applications')
const programs = jest.mocked(listPrograms)
const applications = jest.mocked(listApplications)

/** Renders the home page and waits until both the catalog and the applications are in. */
async function renderHome() {
  render(<Index />)
  await screen.findByText(/个园区/)
  await screen.findByText(/查看办理进度|新进展/)
}

beforeEach(() => {
  Taro.clearStorageSync()
  programs.mockResolvedValue([stallProgram(), loanProgram(), trainingProgram()])
  applications.mockResolvedValue([])
})

describe('home page', () => {
  it('shows a tile for each of the four services', async () => {
    await renderHome()

    for (const label of ['创业园摊位', '创业担保贷款', '职业培训名额', '就业补贴']) {
      expect(screen.getByText(label)).toBeTruthy()
    }
  })

  it('says on each tile what is open now', async () => {
    await renderHome()

    expect(screen.getByText('1 个园区 · 余 12 个摊位')).toBeTruthy()
    expect(screen.getByText('1 个班 · 余 5 个名额')).toBeTruthy()
    expect(screen.getByText('正在受理')).toBeTruthy()
    expect(screen.getByText('暂未开放')).toBeTruthy()
  })

  it('counts the applications that changed since last seen on "我的申请"', async () => {
    markSeen([
      { id: 'a', version: 1 },
      { id: 'b', version: 2 },
      { id: 'c', version: 1 },
    ])
    applications.mockResolvedValue([
      application({ id: 'a', version: 2 }),
      application({ id: 'b', version: 2 }),
      application({ id: 'c', version: 3 }),
    ])

    await renderHome()

    expect(screen.getByText('有 2 份申请有新进展')).toBeTruthy()
    expect(screen.getByText('2')).toBeTruthy()
  })

  it('shows no badge when nothing changed', async () => {
    markSeen([{ id: 'a', version: 2 }])
    applications.mockResolvedValue([application({ id: 'a', version: 2 })])

    await renderHome()

    expect(screen.getByText('查看办理进度')).toBeTruthy()
    expect(document.querySelector('.count-badge')).toBeNull()
  })
})

describe('openNow', () => {
  it('adds up the places left over the open programmes of a kind', () => {
    const parks = [stallProgram(), stallProgram({ id: 'p2', capacity: { total: 96, remaining: 30 } }), stallProgram({ id: 'p3', acceptingNow: false })]

    expect(openNow('stall', parks)).toBe('2 个园区 · 余 42 个摊位')
  })
})
