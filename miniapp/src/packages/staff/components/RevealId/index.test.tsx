import { act, fireEvent, render, screen } from '@testing-library/react';
import { apply, masked, newResident, type Resident } from '../../../../testing/bff';
import { typeInto } from '../../../../testing/taro';
import { logInAsAdmin } from '../../testing/staff';
import { RevealId, RevealMobile } from '.';

// Against the real BFF of the Jest run, which writes each reveal to its audit log.

const REASON = '如：与身份证原件核对';
const MOBILE = '13912340021';

let resident: Resident;
let applicationId: string;

beforeAll(async () => {
  await logInAsAdmin();
  resident = await newResident({ mobile: MOBILE });
  applicationId = (await apply(resident, 'park-chunjiang')).id;
});

function renderReveal() {
  render(<RevealId applicationId={applicationId} masked={masked(resident.idNumber ?? '')} />);
}

describe('RevealId', () => {
  it('shows the masked number until asked', () => {
    renderReveal();

    expect(screen.getByText(masked(resident.idNumber ?? ''))).toBeTruthy();
    expect(screen.getByText('查看完整身份证号')).toBeTruthy();
  });

  it('asks for a reason before revealing', async () => {
    renderReveal();
    fireEvent.click(screen.getByText('查看完整身份证号'));
    await typeInto(REASON, ' ');

    fireEvent.click(screen.getByText('确认查看'));

    expect(await screen.findByText('请说明查看原因')).toBeTruthy();
    expect(screen.queryByText(resident.idNumber ?? '')).toBeNull();
  });

  it('reveals the full number once a reason is given', async () => {
    renderReveal();
    fireEvent.click(screen.getByText('查看完整身份证号'));

    await typeInto(REASON, '与身份证原件核对');
    await act(async () => {
      fireEvent.click(screen.getByText('确认查看'));
    });

    expect(await screen.findByText(resident.idNumber ?? '')).toBeTruthy();
    expect(screen.getByText('本次查看的人员、时间和原因已记录。')).toBeTruthy();
  });
});

describe('RevealMobile', () => {
  it('reveals the full mobile, to phone the applicant, once a reason is given', async () => {
    render(<RevealMobile applicationId={applicationId} masked="139****0021" />);
    expect(screen.getByText('139****0021')).toBeTruthy();
    expect(screen.queryByText(MOBILE)).toBeNull();
    fireEvent.click(screen.getByText('查看完整手机号'));
    await typeInto('如：电话通知补充材料', '电话通知补充材料');
    await act(async () => {
      fireEvent.click(screen.getByText('确认查看'));
    });

    expect(await screen.findByText(MOBILE)).toBeTruthy();
    expect(screen.getByText('本次查看的人员、时间和原因已记录。')).toBeTruthy();
  });
});
