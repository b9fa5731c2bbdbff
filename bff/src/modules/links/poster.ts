import PDFDocument from 'pdfkit';
import type { Config } from '../../config';
import { unavailable } from '../../errors';

export interface PosterContent {
  programTitle: string | null;
  communityName: string;
  code: Buffer;
}

const STEPS = ['微信扫码', '登录', '填写实名信息', '选择服务并申请'];

/**
 * A printable A4 poster (PDF) of a sign-up link: what it is for, where, the
 * code and four short steps, in large type for older readers.
 */
export function renderPoster(content: PosterContent, font: Config['posterFont']): Promise<Buffer> {
  if (!font) throw unavailable('未安装中文字体，无法生成海报（请安装 fonts-noto-cjk 或 fonts-wqy-microhei，或设置 POSTER_FONT）');
  const title = content.programTitle ?? '全部服务';
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: `${content.communityName} · ${title}`, Subject: '雨花台区公共就业服务 扫码申请' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  if (font.name) doc.font(font.path, font.name);
  else doc.font(font.path);
  const width = doc.page.width - 112;
  doc.fontSize(20).fillColor('#555555').text('雨花台区公共就业服务', { align: 'center', width });
  doc.moveDown(0.5);
  doc.fontSize(34).fillColor('#000000').text(title, { align: 'center', width });
  doc.moveDown(0.3);
  doc.fontSize(24).text(content.communityName, { align: 'center', width });
  doc.moveDown(1);

  const size = 260;
  const top = doc.y;
  doc.image(content.code, (doc.page.width - size) / 2, top, { width: size, height: size });
  doc.y = top + size + 24;

  doc.fontSize(22).text('扫码申请，只需四步：', 56, doc.y, { width });
  doc.moveDown(0.4);
  STEPS.forEach((step, i) => {
    doc.fontSize(22).text(`${i + 1}. ${step}`, 80, doc.y, { width: width - 24 });
    doc.moveDown(0.2);
  });
  doc.moveDown(1);
  doc.fontSize(16).fillColor('#555555').text('不会操作？请到社区（村）劳动保障站，工作人员帮您办理。', 56, doc.y, { width, align: 'center' });
  doc.end();
  return done;
}
