// Helpers for Taro's H5 components in jsdom: they are web components that
// render their native <input>/<textarea> a moment after mounting.
import { fireEvent, waitFor } from '@testing-library/react';

/** The native input or textarea with this placeholder, once rendered. */
export function findField(placeholder: string): Promise<HTMLInputElement | HTMLTextAreaElement> {
  return waitFor(() => {
    const field = document.querySelector<HTMLInputElement | HTMLTextAreaElement>(
      `input[placeholder="${placeholder}"], textarea[placeholder="${placeholder}"]`,
    );
    if (!field) throw new Error(`no field with placeholder ${placeholder}`);
    return field;
  });
}

/** Types into the field with this placeholder, as Taro's onInput reports it. */
export async function typeInto(placeholder: string, text: string): Promise<HTMLInputElement | HTMLTextAreaElement> {
  const field = await findField(placeholder);
  fireEvent.input(field, { target: { value: text } });
  return field;
}
