import { z } from 'zod';

/**
 * Why a request failed, as one closed list so the window can react by code
 * (offer a file chooser on `no-dialog`, show the message otherwise).
 */
export const API_ERROR_CODES = {
  'invalid-payload': 'the request did not match its schema; nothing was done',
  'invalid-result': 'the host answered with something that does not match the contract (a bug)',
  'unknown-request': 'no request of that name in the contract',
  unauthorized: 'the request did not carry the token of this launch',
  'refused-path': 'the path is not one the user chose (dialog, recent files, project folder, runs folder)',
  'not-found': 'the file, template, run or dataset does not exist',
  'bad-file': 'the file could not be read as what it should be; nothing was changed',
  'io-error': 'the file system refused (permission, disk full); nothing was changed',
  'no-dialog': 'this host has no native dialogs: pick a path with the in-app chooser and pass it',
  'not-available': 'this feature is not available in this build or host yet',
  busy: 'a training run is already active',
  'invalid-state': 'the request does not apply now (e.g. pausing a run that is not running)',
  internal: 'a bug in the host; the message says what failed',
} as const;

export type ApiErrorCode = keyof typeof API_ERROR_CODES;

const codes = Object.keys(API_ERROR_CODES) as [ApiErrorCode, ...ApiErrorCode[]];
export const zApiErrorCode = z.enum(codes);

/** The error half of a reply, as it crosses the boundary. */
export const zApiErrorData = z.object({ code: zApiErrorCode, message: z.string() });
export type ApiErrorData = z.infer<typeof zApiErrorData>;

/** A failed request; thrown by the client and by host handlers alike. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toData(): ApiErrorData {
    return { code: this.code, message: this.message };
  }
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}

/** Turns a zod failure into one readable line per issue, naming the field. */
export function describeIssues(error: z.ZodError, max = 5): string {
  const lines = error.issues.slice(0, max).map((i) => `${i.path.length ? i.path.map(String).join('.') : '(payload)'}: ${i.message}`);
  if (error.issues.length > max) lines.push(`(and ${error.issues.length - max} more)`);
  return lines.join('; ');
}
