import type { FieldErrors } from '@minsheng/shared/errors';
import type { z } from 'zod';

/** Turns zod issues into one Chinese message per field path. */
export function zodFieldErrors(error: z.ZodError, prefix = ''): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '_';
    if (fields[key]) continue;
    fields[key] = issue.code === 'unrecognized_keys' ? `不支持的字段：${issue.keys.join(', ')}` : chineseMessage(issue);
  }
  return fields;
}

/** zod's own messages are English; schemas in shared/ give Chinese ones where a person will read them. */
function chineseMessage(issue: z.core.$ZodIssue): string {
  if (/[\u4e00-\u9fff]/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? '此项必填' : '格式不正确';
    case 'too_small':
      return '内容过短或数值过小';
    case 'too_big':
      return '内容过长或数值过大';
    case 'invalid_value':
      return '不是可选的值';
    case 'invalid_format':
      return '格式不正确';
    default:
      return '内容不正确';
  }
}
