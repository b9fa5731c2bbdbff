import { render, screen } from '@testing-library/react'
import Index from './index'

describe('home page', () => {
  it('shows a tile for each of the four services', () => {
    render(<Index />)

    for (const label of ['创业园摊位', '创业担保贷款', '职业培训名额', '就业补贴']) {
      expect(screen.getByText(label)).toBeTruthy()
    }
  })
})
