import { render, screen } from '@testing-library/react';
import { BarChart, barPercent } from '.';

function widths(): string[] {
  return Array.from(document.querySelectorAll<HTMLElement>('.bar-chart__fill')).map((fill) => fill.style.width);
}

describe('BarChart', () => {
  it('draws each bar in proportion to the largest value', () => {
    render(
      <BarChart
        bars={[
          { key: 'stall', label: '创业园摊位', value: 40 },
          { key: 'loan', label: '创业担保贷款', value: 10 },
          { key: 'training', label: '职业培训名额', value: 30 },
          { key: 'subsidy', label: '就业补贴', value: 0 },
        ]}
      />,
    );

    expect(widths()).toEqual(['100%', '25%', '75%', '0%']);
  });

  it('writes out every label and figure beside its bar', () => {
    render(<BarChart bars={[{ key: 'bqsq', label: '板桥社区', note: '板桥街道', value: 7 }]} unit="人" />);

    expect(screen.getByText('板桥社区')).toBeTruthy();
    expect(screen.getByText('板桥街道')).toBeTruthy();
    expect(screen.getByText('7 人')).toBeTruthy();
  });

  it('draws empty bars when every value is zero', () => {
    render(
      <BarChart
        bars={[
          { key: 'a', label: '甲', value: 0 },
          { key: 'b', label: '乙', value: 0 },
        ]}
      />,
    );

    expect(widths()).toEqual(['0%', '0%']);
  });

  it('says so when there is nothing to draw', () => {
    render(<BarChart bars={[]} emptyText="暂无申请" />);

    expect(screen.getByText('暂无申请')).toBeTruthy();
  });
});

describe('barPercent', () => {
  it('rounds to one decimal', () => {
    expect(barPercent(1, 3)).toBe(33.3);
  });
});
