import { isValidIdNumber, normalizeIdNumber } from '@minsheng/shared/validators';

const LENGTH = 18;

export interface IdNumberCheck {
  /** What is wrong, in Chinese; absent while the number may still be right. */
  error?: string;
  /** Encouragement while typing: how many characters are left, or that it checks out. */
  hint?: string;
}

/**
 * Checks an ID number as it is typed. Until 18 characters are there only a
 * wrong character is an error; once `finished` (the field lost focus, or the
 * form is being sent) a short number is one too.
 */
export function checkIdNumberAsTyped(input: string, finished: boolean): IdNumberCheck {
  const id = normalizeIdNumber(input);
  if (id === '') return finished ? { error: '请填写身份证号' } : { hint: '18 位，最后一位可能是 X' };
  if (!/^\d*X?$/.test(id) || (id.includes('X') && id.length < LENGTH)) {
    return { error: '身份证号只能是数字，最后一位可以是 X' };
  }
  if (id.length > LENGTH) return { error: `身份证号是 18 位，多了 ${id.length - LENGTH} 位` };
  if (id.length < LENGTH) {
    const left = LENGTH - id.length;
    return finished ? { error: `身份证号是 18 位，还差 ${left} 位` } : { hint: `已输入 ${id.length} 位，还差 ${left} 位` };
  }
  // Same words as the shared schema's, which the BFF answers with.
  if (!isValidIdNumber(id)) return { error: '身份证号不正确，请核对 18 位号码' };
  return { hint: '号码格式正确' };
}
