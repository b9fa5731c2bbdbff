import { ageOn, idNumberCheckChar, isValidIdNumber, maskIdNumber, normalizeIdNumber, parseIdNumber } from './id-number';

/** ISO 7064 MOD 11-2, derived from first principles: weight of position i is 2^(17 - i) mod 11. */
function referenceCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const weight = 2 ** (17 - i) % 11;
    sum += Number(first17.charAt(i)) * weight;
  }
  const value = (12 - (sum % 11)) % 11;
  return value === 10 ? 'X' : String(value);
}

function buildId(area: string, birth: string, sequence: string): string {
  const first17 = `${area}${birth}${sequence}`;
  return `${first17}${referenceCheckChar(first17)}`;
}

/** Replaces the check character with every other possible one. */
function wrongCheckVariants(id: string): string[] {
  const right = id.charAt(17);
  return '0123456789X'
    .split('')
    .filter((c) => c !== right)
    .map((c) => `${id.slice(0, 17)}${c}`);
}

const TODAY = new Date(Date.UTC(2025, 5, 1, 12));

describe('reference check character', () => {
  it('reproduces the example printed in GB 11643', () => {
    expect(referenceCheckChar('11010519491231002')).toBe('X');
  });
});

describe('idNumberCheckChar', () => {
  it('agrees with the reference algorithm on many 17-digit prefixes', () => {
    let seed = 12345;
    for (let n = 0; n < 500; n += 1) {
      let first17 = '';
      for (let i = 0; i < 17; i += 1) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        first17 += String(seed % 10);
      }
      expect(idNumberCheckChar(first17)).toBe(referenceCheckChar(first17));
    }
  });
});

describe('isValidIdNumber / parseIdNumber', () => {
  it('accepts numbers built from area 320114, a birth date and a sequence', () => {
    const ids = [
      buildId('320114', '19800101', '001'),
      buildId('320114', '19900515', '001'),
      buildId('320114', '20000229', '003'),
      buildId('320114', '19751231', '123'),
    ];
    for (const id of ids) expect(parseIdNumber(id, TODAY)).not.toBeNull();
  });

  it('accepts a number whose check character is X', () => {
    const id = buildId('320114', '19800101', '002');
    expect(id).toBe('32011419800101002X');
    expect(isValidIdNumber(id)).toBe(true);
  });

  it('accepts a lower-case x as the check character', () => {
    expect(isValidIdNumber('32011419800101002x')).toBe(true);
  });

  it('accepts the GB 11643 example number', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
  });

  it('ignores spaces typed between groups', () => {
    expect(isValidIdNumber('320114 19800101 002X')).toBe(true);
  });

  it('rejects every wrong check character', () => {
    for (const id of [buildId('320114', '19800101', '001'), buildId('320114', '19800101', '002')]) {
      for (const wrong of wrongCheckVariants(id)) expect(isValidIdNumber(wrong)).toBe(false);
    }
  });

  it('rejects a number with two digits swapped', () => {
    const id = buildId('320114', '19800101', '123');
    const swapped = `${id.slice(0, 14)}${id.charAt(15)}${id.charAt(14)}${id.slice(16)}`;
    expect(swapped).not.toBe(id);
    expect(isValidIdNumber(swapped)).toBe(false);
  });

  it('rejects 30 February', () => {
    expect(parseIdNumber(buildId('320114', '19800230', '001'), TODAY)).toBeNull();
  });

  it('rejects 29 February in a non-leap year', () => {
    expect(parseIdNumber(buildId('320114', '19900229', '001'), TODAY)).toBeNull();
  });

  it('rejects month 13 and month 00', () => {
    expect(parseIdNumber(buildId('320114', '19801301', '001'), TODAY)).toBeNull();
    expect(parseIdNumber(buildId('320114', '19800001', '001'), TODAY)).toBeNull();
  });

  it('rejects day 00 and day 32', () => {
    expect(parseIdNumber(buildId('320114', '19800100', '001'), TODAY)).toBeNull();
    expect(parseIdNumber(buildId('320114', '19800132', '001'), TODAY)).toBeNull();
  });

  it('rejects a birth date after today', () => {
    expect(parseIdNumber(buildId('320114', '20250602', '001'), TODAY)).toBeNull();
  });

  it('accepts a birth date of today', () => {
    expect(parseIdNumber(buildId('320114', '20250601', '001'), TODAY)).not.toBeNull();
  });

  it('rejects a birth year before 1900', () => {
    expect(parseIdNumber(buildId('320114', '18991231', '001'), TODAY)).toBeNull();
    expect(parseIdNumber(buildId('320114', '19000101', '001'), TODAY)).not.toBeNull();
  });

  it('rejects 17 and 19 characters', () => {
    const id = buildId('320114', '19800101', '001');
    expect(isValidIdNumber(id.slice(0, 17))).toBe(false);
    expect(isValidIdNumber(`${id}1`)).toBe(false);
    expect(isValidIdNumber('')).toBe(false);
  });

  it('rejects letters among the digits', () => {
    const id = buildId('320114', '19800101', '001');
    expect(isValidIdNumber(`${id.slice(0, 5)}A${id.slice(6)}`)).toBe(false);
    expect(isValidIdNumber(`${id.slice(0, 16)}X${id.charAt(17)}`)).toBe(false);
  });

  it('rejects a leading 0 even with a correct check character', () => {
    expect(isValidIdNumber(buildId('020114', '19800101', '001'))).toBe(false);
  });

  it('reads the sex from the 17th digit: odd is male', () => {
    expect(parseIdNumber(buildId('320114', '19800101', '001'), TODAY)?.sex).toBe('male');
    expect(parseIdNumber(buildId('320114', '19800101', '219'), TODAY)?.sex).toBe('male');
  });

  it('reads the sex from the 17th digit: even is female', () => {
    expect(parseIdNumber(buildId('320114', '19800101', '002'), TODAY)?.sex).toBe('female');
    expect(parseIdNumber(buildId('320114', '19800101', '910'), TODAY)?.sex).toBe('female');
  });

  it('extracts the birth date and area code', () => {
    expect(parseIdNumber(buildId('320114', '19900515', '001'), TODAY)).toEqual({
      birthDate: '1990-05-15',
      sex: 'male',
      areaCode: '320114',
    });
  });
});

describe('normalizeIdNumber', () => {
  it('upper-cases x and removes spaces', () => {
    expect(normalizeIdNumber(' 320114 19800101 002x ')).toBe('32011419800101002X');
  });
});

describe('maskIdNumber', () => {
  it('keeps the first 3 and last 4 characters', () => {
    expect(maskIdNumber('32011419800101002X')).toBe('320***********002X');
  });

  it('masks a lower-case x number the same way', () => {
    expect(maskIdNumber('32011419800101002x')).toBe('320***********002X');
  });

  it('hides a too-short input completely', () => {
    expect(maskIdNumber('1234567')).toBe('*******');
  });
});

describe('ageOn', () => {
  const birth = '1980-06-15';

  it('is one less the day before the birthday', () => {
    expect(ageOn(birth, new Date(Date.UTC(2020, 5, 14)))).toBe(39);
  });

  it('counts the new year on the birthday', () => {
    expect(ageOn(birth, new Date(Date.UTC(2020, 5, 15)))).toBe(40);
  });

  it('keeps the new year the day after the birthday', () => {
    expect(ageOn(birth, new Date(Date.UTC(2020, 5, 16)))).toBe(40);
  });

  it('is one less in an earlier month of the year', () => {
    expect(ageOn(birth, new Date(Date.UTC(2020, 0, 31)))).toBe(39);
  });

  it('treats a 29 February birthday as not yet reached on 28 February', () => {
    expect(ageOn('2000-02-29', new Date(Date.UTC(2021, 1, 28)))).toBe(20);
    expect(ageOn('2000-02-29', new Date(Date.UTC(2021, 2, 1)))).toBe(21);
  });

  it('is NaN for a malformed birth date', () => {
    expect(ageOn('1980', new Date(Date.UTC(2020, 0, 1)))).toBeNaN();
  });
});
