import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { actAs, choosePhotoNamed, newResident, offline, PNG_1X1 } from '../../../../testing/bff';
import { ID_CARD, material } from '../../../../testing/fixtures';
import { MaterialsStep } from '.';

const OPTIONAL = { code: 'business_plan', label: '创业计划书（可选）', required: false };

const choosePhoto = choosePhotoNamed;

beforeAll(async () => {
  Taro.clearStorageSync();
  actAs(await newResident());
});

afterEach(() => {
  jest.restoreAllMocks();
});

describe('MaterialsStep', () => {
  it('marks which materials must be uploaded', () => {
    render(<MaterialsStep requirements={[ID_CARD, OPTIONAL]} uploaded={{}} onUploaded={jest.fn()} />);

    expect(screen.getByText('必须上传')).toBeTruthy();
    expect(screen.getByText('可不传')).toBeTruthy();
  });

  it('uploads the chosen photo for its purpose, showing the progress', async () => {
    choosePhoto('身份证.png');
    const onUploaded = jest.fn();
    render(<MaterialsStep requirements={[ID_CARD]} uploaded={{}} onUploaded={onUploaded} />);

    fireEvent.click(screen.getByText('拍照或选择照片'));

    expect(await screen.findByText(/^正在上传 \d+%$/)).toBeTruthy();
    await waitFor(() => expect(onUploaded).toHaveBeenCalled());
    expect(onUploaded).toHaveBeenCalledWith(
      'id_card',
      expect.objectContaining({ purpose: 'id_card', filename: '身份证.png', contentType: 'image/png', size: PNG_1X1.length }),
    );
  });

  it('says the upload failed and offers to try again', async () => {
    choosePhoto('身份证.png');
    render(<MaterialsStep requirements={[ID_CARD]} uploaded={{}} onUploaded={jest.fn()} />);

    await offline(async () => {
      fireEvent.click(screen.getByText('拍照或选择照片'));
      expect(await screen.findByText('上传没有成功：网络连接失败，请检查网络后重试')).toBeTruthy();
    });

    expect(screen.getByText('重新上传')).toBeTruthy();
  });

  it('does nothing when the resident closes the picker', async () => {
    const choose = jest.spyOn(Taro, 'chooseImage').mockRejectedValue({ errMsg: 'chooseImage:fail cancel' });
    const upload = jest.spyOn(Taro, 'uploadFile');
    render(<MaterialsStep requirements={[ID_CARD]} uploaded={{}} onUploaded={jest.fn()} />);

    fireEvent.click(screen.getByText('拍照或选择照片'));

    await waitFor(() => expect(choose).toHaveBeenCalled());
    expect(upload).not.toHaveBeenCalled();
    expect(screen.getByText('拍照或选择照片')).toBeTruthy();
  });

  it('shows what is already uploaded', () => {
    render(<MaterialsStep requirements={[ID_CARD]} uploaded={{ id_card: material() }} onUploaded={jest.fn()} />);

    expect(screen.getByText('✓ 已上传：id.jpg')).toBeTruthy();
    expect(screen.getByText('换一张')).toBeTruthy();
  });
});
