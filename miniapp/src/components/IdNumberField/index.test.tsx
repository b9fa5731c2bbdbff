import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { IdNumberField } from '.';
import { typeInto } from '../../testing/taro';
import { checkIdNumberAsTyped } from './check';

const VALID = '32011419800101002X';
// The same 17 digits with the wrong check character.
const WRONG_CHECK = '320114198001010021';

function Harness({ optional, registered }: { optional?: boolean; registered?: string }) {
  const [value, setValue] = useState('');
  return <IdNumberField value={value} onChange={setValue} optional={optional} registered={registered} />;
}

const typeId = (text: string) => typeInto('请输入 18 位身份证号', text);

describe('IdNumberField', () => {
  it('shows the error at the field as soon as 18 characters fail the check digit', async () => {
    render(<Harness />);

    await typeId(WRONG_CHECK);

    expect(screen.getByText('身份证号不正确，请核对 18 位号码')).toBeTruthy();
  });

  it('shows a wrong character as an error while typing', async () => {
    render(<Harness />);

    await typeId('3201a');

    expect(screen.getByText('身份证号只能是数字，最后一位可以是 X')).toBeTruthy();
  });

  it('counts the digits left while typing, and calls a short number an error only after leaving the field', async () => {
    render(<Harness />);

    const input = await typeId('3201141980');
    expect(screen.getByText('已输入 10 位，还差 8 位')).toBeTruthy();

    fireEvent.blur(input);
    expect(screen.getByText('身份证号是 18 位，还差 8 位')).toBeTruthy();
  });

  it('accepts a valid number with a lower-case x', async () => {
    render(<Harness />);

    await typeId(VALID.toLowerCase());

    expect(screen.getByText('号码格式正确')).toBeTruthy();
  });

  it('shows the registered masked number when it may be left empty', () => {
    render(<Harness optional registered="320***********002X" />);

    expect(screen.getByText('已登记：320***********002X。不更换请留空')).toBeTruthy();
  });
});

describe('checkIdNumberAsTyped', () => {
  it('says how many characters are too many', () => {
    expect(checkIdNumberAsTyped(`${WRONG_CHECK}12`, false).error).toBe('身份证号是 18 位，多了 2 位');
  });

  it('ignores spaces typed between groups', () => {
    expect(checkIdNumberAsTyped('320114 19800101 002X', false)).toEqual({ hint: '号码格式正确' });
  });

  it('asks for the number when it is empty and the form is sent', () => {
    expect(checkIdNumberAsTyped('', true).error).toBe('请填写身份证号');
  });
});
