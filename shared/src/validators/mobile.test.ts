import { isValidMobile, maskMobile, normalizeMobile } from './mobile';

describe('isValidMobile', () => {
  it.each(['13800138000', '14712345678', '15012345678', '16612345678', '17712345678', '18912345678', '19912345678'])(
    'accepts %s',
    (mobile) => {
      expect(isValidMobile(mobile)).toBe(true);
    },
  );

  it('accepts a +86 prefix', () => {
    expect(isValidMobile('+8613800138000')).toBe(true);
  });

  it('accepts a 0086 prefix', () => {
    expect(isValidMobile('008613800138000')).toBe(true);
  });

  it('accepts spaces and dashes between groups', () => {
    expect(isValidMobile('138 0013 8000')).toBe(true);
    expect(isValidMobile('138-0013-8000')).toBe(true);
    expect(isValidMobile('+86 138-0013-8000')).toBe(true);
  });

  it('rejects numbers starting 12 or 10', () => {
    expect(isValidMobile('12345678901')).toBe(false);
    expect(isValidMobile('10012345678')).toBe(false);
  });

  it('rejects 10 and 12 digits', () => {
    expect(isValidMobile('1380013800')).toBe(false);
    expect(isValidMobile('138001380001')).toBe(false);
  });

  it('rejects a prefix followed by a bad number', () => {
    expect(isValidMobile('+8612345678901')).toBe(false);
    expect(isValidMobile('+861380013800')).toBe(false);
  });

  it('rejects letters and empty input', () => {
    expect(isValidMobile('1380013800a')).toBe(false);
    expect(isValidMobile('')).toBe(false);
  });
});

describe('normalizeMobile', () => {
  it('strips prefixes, spaces and dashes', () => {
    expect(normalizeMobile('+86 138-0013-8000')).toBe('13800138000');
    expect(normalizeMobile('0086 13800138000')).toBe('13800138000');
    expect(normalizeMobile('8613800138000')).toBe('13800138000');
  });

  it('leaves an 11-digit number starting 86 alone', () => {
    expect(normalizeMobile('86138001380')).toBe('86138001380');
  });
});

describe('maskMobile', () => {
  it('keeps the first 3 and last 4 digits', () => {
    expect(maskMobile('13800135678')).toBe('138****5678');
  });

  it('masks after normalising the prefix', () => {
    expect(maskMobile('+86 138-0013-5678')).toBe('138****5678');
  });

  it('hides a number of the wrong length completely', () => {
    expect(maskMobile('1380013')).toBe('*******');
  });
});
