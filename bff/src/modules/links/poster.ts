import { renderAsync } from '@resvg/resvg-js';
import { openSync } from 'fontkit';
import PDFDocument from 'pdfkit';
import type { Config } from '../../config';
import { unavailable } from '../../errors';
import { A4, posterLayout, type PosterLayout } from './poster-layout';

export interface PosterContent {
  programTitle: string | null;
  communityName: string;
  code: { image: Buffer; contentType: 'image/png' | 'image/jpeg' };
}

type PosterFont = NonNullable<Config['posterFont']>;

/** Pixels per point of the PNG: A4 at 150 dpi (1240 × 1754), sharp when printed. */
const PNG_SCALE = 150 / 72;

function requireFont(font: Config['posterFont']): PosterFont {
  if (!font) throw unavailable('未安装中文字体，无法生成海报（请安装 fonts-noto-cjk 或 fonts-wqy-microhei，或设置 POSTER_FONT）');
  return font;
}

/**
 * A printable A4 poster (PDF) of a sign-up link: what it is for, where, the
 * code and four short steps, in large type for older readers.
 */
export function renderPoster(content: PosterContent, font: Config['posterFont']): Promise<Buffer> {
  const face = requireFont(font);
  const layout = posterLayout(content);
  const doc = new PDFDocument({ size: 'A4', margin: 0, info: { Title: layout.title, Subject: '雨花台区公共就业服务 扫码申请' } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  if (face.name) doc.font(face.path, face.name);
  else doc.font(face.path);
  for (const block of layout.blocks) {
    if (block.kind === 'code') {
      doc.image(content.code.image, block.x, block.top, { width: block.size, height: block.size });
      continue;
    }
    doc.fontSize(block.size).fillColor(block.color);
    // Lines are already broken by the layout; pdfkit only measures them for centring.
    const x = block.align === 'center' ? block.x + (block.width - doc.widthOfString(block.text)) / 2 : block.x;
    doc.text(block.text, x, block.top, { lineBreak: false });
  }
  doc.end();
  return done;
}

const families = new Map<string, string>();

/** The family name the SVG must ask for to get the configured face (a .ttc holds several: SC, TC, JP…). */
function familyOf(font: PosterFont): string {
  const key = `${font.path}#${font.name ?? ''}`;
  const known = families.get(key);
  if (known) return known;
  const opened = openSync(font.path, font.name);
  const family = 'familyName' in opened ? opened.familyName : (opened.fonts[0]?.familyName ?? '');
  families.set(key, family);
  return family;
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The layout as SVG in points; text baselines sit 0.88 em below the line's top, as in the CJK fonts we use. */
export function posterSvg(layout: PosterLayout, code: PosterContent['code'], family: string): string {
  const parts = layout.blocks.map((block) => {
    if (block.kind === 'code') {
      // Nearest-neighbour scaling keeps the code's modules square and scannable.
      const href = `data:${code.contentType};base64,${code.image.toString('base64')}`;
      return `<image x="${block.x}" y="${block.top}" width="${block.size}" height="${block.size}" image-rendering="optimizeSpeed" href="${href}"/>`;
    }
    const anchor = block.align === 'center' ? 'middle' : 'start';
    const x = block.align === 'center' ? block.x + block.width / 2 : block.x;
    return `<text x="${x}" y="${block.top + block.size * 0.88}" font-size="${block.size}" fill="${block.color}" text-anchor="${anchor}">${xml(block.text)}</text>`;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${A4.width}" height="${A4.height}" viewBox="0 0 ${A4.width} ${A4.height}" font-family="${xml(family)}">`,
    `<title>${xml(layout.title)}</title>`,
    ...parts,
    '</svg>',
  ].join('\n');
}

/** The same poster as a PNG (A4 at 150 dpi), for phones and group chats where a PDF is awkward. */
export async function renderPosterPng(content: PosterContent, font: Config['posterFont']): Promise<Buffer> {
  const face = requireFont(font);
  const svg = posterSvg(posterLayout(content), content.code, familyOf(face));
  // Rendered on libuv's thread pool: a poster takes a few hundred milliseconds of CPU.
  const image = await renderAsync(svg, {
    background: '#ffffff',
    fitTo: { mode: 'width', value: Math.round(A4.width * PNG_SCALE) },
    font: { fontFiles: [face.path], loadSystemFonts: false, defaultFontFamily: familyOf(face) },
  });
  return image.asPng();
}
