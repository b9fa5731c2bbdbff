import pino, { type Logger } from 'pino';

/**
 * Logs never carry request bodies, query strings or headers other than the
 * request id; the redaction list is a second line of defence for objects that
 * slip into a log call.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: [
          'idNumber',
          '*.idNumber',
          'mobile',
          '*.mobile',
          'password',
          '*.password',
          'token',
          '*.token',
          'authorization',
          '*.authorization',
          'headers',
          '*.headers',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
export type { Logger };
