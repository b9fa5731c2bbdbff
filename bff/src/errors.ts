import { ERRORS, type ErrorCode, type FieldErrors } from '@minsheng/shared/errors';

/** An error the API answers with a stable code; thrown by services and routes. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly fields?: FieldErrors,
    readonly details?: Record<string, unknown>,
  ) {
    super(message ?? ERRORS[code].message);
    this.status = ERRORS[code].status;
  }
}

export const validationFailed = (fields: FieldErrors, message?: string) => new AppError('VALIDATION_FAILED', message, fields);
export const malformed = (message?: string) => new AppError('MALFORMED_REQUEST', message);
export const unauthenticated = (message?: string) => new AppError('UNAUTHENTICATED', message);
export const tokenExpired = () => new AppError('TOKEN_EXPIRED');
export const forbidden = (message?: string) => new AppError('FORBIDDEN', message);
export const notFound = (message?: string) => new AppError('NOT_FOUND', message);
export const conflict = (code: ErrorCode = 'CONFLICT', message?: string, details?: Record<string, unknown>) =>
  new AppError(code, message, undefined, details);
export const unprocessable = (code: 'NOT_ELIGIBLE' | 'PROGRAM_CLOSED', message?: string, details?: Record<string, unknown>) =>
  new AppError(code, message, undefined, details);
export const unavailable = (message?: string) => new AppError('SERVICE_UNAVAILABLE', message);
