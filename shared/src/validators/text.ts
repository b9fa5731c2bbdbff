import { z } from 'zod';

/**
 * Characters no person types into a form and that change how other text is
 * read: C0 and C1 controls (NUL among them; tab and line feed are kept,
 * carriage returns become line feeds), the bidirectional embeddings,
 * overrides and isolates (U+202A–U+202E, U+2066–U+2069) and marks
 * (U+200E, U+200F, U+061C), which can show "张三" while storing it backwards
 * or hide part of a name, and the zero-width characters and byte-order mark
 * that make two equal-looking names differ.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's purpose
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

/**
 * Characters that stand in for others and are folded to them by NFKC: the
 * CJK and Kangxi radicals (⼈ U+2F08 for 人), the CJK compatibility
 * ideographs, full-width digits and Latin letters (Ａ１ for A1) and the
 * ideographic space. Not the whole of NFKC: it would also turn Chinese
 * full-width punctuation (，。：（）) into ASCII, which is how Chinese is written.
 */
const LOOKALIKES = /[\u2E80-\u2FDF\u3000\uF900-\uFAFF\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g;

/**
 * Free text as it is stored: NFC, lookalikes folded to the characters they
 * stand for, invisible and direction-changing characters removed.
 */
export function cleanText(input: string): string {
  return input
    .replace(/\r\n?/g, '\n')
    .normalize('NFC')
    .replace(LOOKALIKES, (c) => c.normalize('NFKC'))
    .replace(INVISIBLE, '');
}

/** A string schema whose value is cleaned (cleanText) before its other checks run. */
export function textSchema(params?: Parameters<typeof z.string>[0]): z.ZodString {
  return z.string(params).overwrite(cleanText);
}

/** The longest reason a staff member may give for a step (a refusal, a suspension, a note): one limit for every step. */
export const STEP_REASON_MAX = 500;

/** The reason of a step of an application's or a certificate's machine, cleaned; whether it is required is the step's rule. */
export function stepReasonSchema(): z.ZodString {
  return textSchema({ error: '请填写原因' })
    .trim()
    .min(1, { error: '请填写原因' })
    .max(STEP_REASON_MAX, { error: `原因最多 ${STEP_REASON_MAX} 字` });
}
