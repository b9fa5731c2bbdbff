import { APPLICANT_DECLARATION, declarationFields } from '@minsheng/shared';
import { useState } from 'react';
import { AgreementCheck } from '../../../../components/AgreementCheck';

/** What a submission carries when the declaration was ticked. */
export interface DeclarationMade {
  declaration: true;
  declarationVersion: typeof APPLICANT_DECLARATION.version;
}

export interface Declaration {
  checked: boolean;
  error?: string;
  change: (checked: boolean) => void;
  /** The body's declaration fields, or null (and the message shown at the box) while it is not ticked. */
  made: () => DeclarationMade | null;
  /** Shows a refusal of the declaration fields at the box; false when the BFF named none of them. */
  refused: (fields: Record<string, string>) => boolean;
}

/** The applicant's declaration (本人承诺) of one submission: ticked anew for each, never kept in a draft. */
export function useDeclaration(): Declaration {
  const [checked, setChecked] = useState(false);
  const [error, setError] = useState<string>();
  return {
    checked,
    ...(error ? { error } : {}),
    change: (next) => {
      setChecked(next);
      setError(undefined);
    },
    made: () => {
      // The shared schema's own message, so the box says what the BFF would.
      const check = declarationFields.declaration.safeParse(checked || undefined);
      if (!check.success) {
        setError(check.error.issues[0]?.message);
        return null;
      }
      return { declaration: true, declarationVersion: APPLICANT_DECLARATION.version };
    },
    refused: (fields) => {
      const message = fields.declaration ?? fields.declarationVersion;
      if (message) setError(message);
      return Boolean(message);
    },
  };
}

const DECLARATION_KEYS = new Set(Object.keys(declarationFields));

/** A refusal's field errors without the declaration's own, which `Declaration.refused` shows at the box. */
export function withoutDeclaration(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([key]) => !DECLARATION_KEYS.has(key)));
}

/** The declaration's text and its box, above the submit button; an officer confirms the applicant made it. */
export function DeclarationCheck({
  declaration,
  onBehalf = false,
  framed = true,
}: {
  declaration: Declaration;
  onBehalf?: boolean;
  /** False inside a form that is already a card. */
  framed?: boolean;
}) {
  return (
    <AgreementCheck
      framed={framed}
      title="本人承诺"
      paragraphs={[APPLICANT_DECLARATION.text]}
      label={onBehalf ? '已向申请人本人宣读以上承诺，本人确认' : '我已阅读并作出以上承诺'}
      checked={declaration.checked}
      onChange={declaration.change}
      {...(declaration.error ? { error: declaration.error } : {})}
    />
  );
}
