/**
 * The one definition of a sign-up poster: every text line and the code
 * placed on an A4 page in PDF points (1/72 inch), so that the PDF and the
 * PNG renderers draw the same thing and only differ in how they draw it.
 */

/** A4 in points, as pdfkit's 'A4'. */
export const A4 = { width: 595.28, height: 841.89 } as const;

const MARGIN = 56;
const CONTENT_WIDTH = A4.width - 2 * MARGIN;
const LINE_HEIGHT = 1.3;
const CODE_SIZE = 260;
/** Below this a phone held at arm's length stops reading the code reliably. */
const MIN_CODE_SIZE = 180;
const MUTED = '#555555';
const INK = '#000000';

export const POSTER_HEADING = '雨花台区公共就业服务';
export const POSTER_STEPS = ['微信扫码', '登录', '填写实名信息', '选择服务并申请'] as const;
export const POSTER_HELP = '不会操作？请到社区（村）劳动保障站，工作人员帮您办理。';

/** One line of text; `top` is the top of its line box, `width` the box it is aligned in. */
export interface PosterLine {
  kind: 'text';
  text: string;
  x: number;
  top: number;
  width: number;
  size: number;
  color: string;
  align: 'left' | 'center';
}

/** The mini-program code, a square. */
export interface PosterCode {
  kind: 'code';
  x: number;
  top: number;
  size: number;
}

export type PosterBlock = PosterLine | PosterCode;

export interface PosterLayout {
  /** Document title: community and programme. */
  title: string;
  blocks: PosterBlock[];
}

/**
 * A line's width estimated without the font: CJK and full-width glyphs are
 * one em, everything else at most 0.6 em. Generous on purpose, so that a line
 * never runs past the margin in either renderer.
 */
function estimatedWidth(text: string, size: number): number {
  let ems = 0;
  for (const ch of text) ems += (ch.codePointAt(0) ?? 0) > 0x2e7f ? 1 : 0.6;
  return ems * size;
}

/** Breaks text into lines that fit the width; CJK text may break between any two characters. */
export function wrapText(text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of text) {
    if (line !== '' && estimatedWidth(line + ch, size) > width) {
      lines.push(line);
      line = ch.trim() === '' ? '' : ch;
      continue;
    }
    line += ch;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** Lays out the poster of a link: heading, programme (or 全部服务), community, code, steps, where to get help. */
export function posterLayout(content: { programTitle: string | null; communityName: string }): PosterLayout {
  const title = content.programTitle ?? '全部服务';
  const blocks: PosterBlock[] = [];
  let y = MARGIN;

  const paragraph = (
    text: string,
    size: number,
    options: { color?: string; align?: 'left' | 'center'; indent?: number; after?: number } = {},
  ) => {
    const indent = options.indent ?? 0;
    const width = CONTENT_WIDTH - indent;
    for (const line of wrapText(text, size, width)) {
      blocks.push({
        kind: 'text',
        text: line,
        x: MARGIN + indent,
        top: y,
        width,
        size,
        color: options.color ?? INK,
        align: options.align ?? 'center',
      });
      y += size * LINE_HEIGHT;
    }
    y += options.after ?? 0;
  };

  paragraph(POSTER_HEADING, 20, { color: MUTED, after: 10 });
  // A long programme title (up to 60 characters) takes a smaller size rather than a second page.
  paragraph(title, wrapText(title, 34, CONTENT_WIDTH).length <= 2 ? 34 : 26, { after: 8 });
  paragraph(content.communityName, 24, { after: 24 });

  const codeTop = y;
  const codeBlock: PosterCode = { kind: 'code', x: 0, top: codeTop, size: CODE_SIZE };
  blocks.push(codeBlock);
  y += 24;
  paragraph('扫码申请，只需四步：', 22, { align: 'left', after: 8 });
  POSTER_STEPS.forEach((step, i) => paragraph(`${i + 1}. ${step}`, 22, { align: 'left', indent: 24, after: 4 }));
  y += 24;
  paragraph(POSTER_HELP, 16, { color: MUTED });

  // The code takes what room the texts leave, then everything below it moves down by its size.
  const size = Math.max(MIN_CODE_SIZE, Math.min(CODE_SIZE, A4.height - MARGIN / 2 - y));
  codeBlock.size = size;
  codeBlock.x = (A4.width - size) / 2;
  for (const block of blocks) if (block.kind === 'text' && block.top > codeTop) block.top += size;

  return { title: `${content.communityName} · ${title}`, blocks };
}
