import { Current } from '@tarojs/runtime';
import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { openPrograms } from '../../routes';
import Programs from './index';

// Titles of the seed catalog.
const PARK = '春江新城创业大市场摊位';
const LOAN = '创业担保贷款（小额担保贷款）';
const CLASS = '车工定单式培训班';

function openWith(params: Record<string, string>) {
  Current.router = { params, path: '/pages/programs/index', $taroPath: '', onReady: '', onHide: '', onShow: '' };
}

afterEach(() => {
  Current.router = null;
  jest.restoreAllMocks();
});

describe('programme list', () => {
  it('filters by the kind in ?kind=', async () => {
    openWith({ kind: 'loan' });

    render(<Programs />);

    expect(await screen.findByText(LOAN)).toBeTruthy();
    expect(screen.queryByText(PARK)).toBeNull();
    expect(screen.queryByText(CLASS)).toBeNull();
  });

  it('shows every kind for an unknown ?kind=', async () => {
    openWith({ kind: 'lottery' });

    render(<Programs />);

    expect(await screen.findByText(PARK)).toBeTruthy();
    expect(screen.getByText(LOAN)).toBeTruthy();
    expect(screen.getByText(CLASS)).toBeTruthy();
  });

  it('opens on the kind chosen on the home page (a tab takes no query)', async () => {
    jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' });
    openWith({});
    openPrograms('stall');

    render(<Programs />);

    expect(await screen.findByText(PARK)).toBeTruthy();
    expect(screen.queryByText(LOAN)).toBeNull();
  });

  it('switches kind with the filter buttons, showing places left', async () => {
    openWith({ kind: 'loan' });
    render(<Programs />);
    await screen.findByText(LOAN);

    fireEvent.click(screen.getByText('全部'));

    expect(await screen.findByText(PARK)).toBeTruthy();
    expect((await screen.findAllByText(/^剩余 \d+ 个摊位$/)).length).toBeGreaterThan(0);
  });
});
