import { formatYuan, parseYuan, yuanToFen } from './money';

describe('parseYuan', () => {
  it('parses whole yuan', () => {
    expect(parseYuan('28000')).toBe(2800000);
  });

  it('parses thousands separators and one decimal', () => {
    expect(parseYuan('1,050,000.5')).toBe(105000050);
  });

  it('parses one fen', () => {
    expect(parseYuan('0.01')).toBe(1);
  });

  it('parses two decimals', () => {
    expect(parseYuan('1400.00')).toBe(140000);
    expect(parseYuan('12.34')).toBe(1234);
  });

  it('accepts full-width commas and spaces', () => {
    expect(parseYuan('28，000')).toBe(2800000);
    expect(parseYuan(' 28 000 ')).toBe(2800000);
  });

  it('rejects negative amounts', () => {
    expect(parseYuan('-1')).toBeNull();
  });

  it('rejects more than two decimals', () => {
    expect(parseYuan('1.234')).toBeNull();
  });

  it('rejects text that is not a number', () => {
    expect(parseYuan('abc')).toBeNull();
    expect(parseYuan('1e5')).toBeNull();
  });

  it('rejects empty input', () => {
    expect(parseYuan('')).toBeNull();
    expect(parseYuan('   ')).toBeNull();
  });

  it('rejects a bare decimal point', () => {
    expect(parseYuan('1.')).toBeNull();
    expect(parseYuan('.5')).toBeNull();
  });
});

describe('formatYuan', () => {
  it('formats with thousands separators and two decimals', () => {
    expect(formatYuan(105000000)).toBe('1,050,000.00');
  });

  it('formats small amounts', () => {
    expect(formatYuan(0)).toBe('0.00');
    expect(formatYuan(1)).toBe('0.01');
    expect(formatYuan(99999)).toBe('999.99');
  });

  it('formats negative amounts with a sign', () => {
    expect(formatYuan(-150)).toBe('-1.50');
  });

  it('round-trips with parseYuan', () => {
    for (const text of ['28,000.00', '1,050,000.50', '0.01', '999.99']) {
      const fen = parseYuan(text);
      expect(fen).not.toBeNull();
      if (fen !== null) expect(formatYuan(fen)).toBe(text);
    }
  });
});

describe('yuanToFen', () => {
  it('multiplies whole yuan by 100', () => {
    expect(yuanToFen(28000)).toBe(2800000);
    expect(yuanToFen(0)).toBe(0);
  });

  it('rejects non-integers', () => {
    expect(() => yuanToFen(1.5)).toThrow(RangeError);
    expect(() => yuanToFen(Number.NaN)).toThrow(RangeError);
    expect(() => yuanToFen(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
