/**
 * Domain errors with stable codes. The API layer maps `code` to an HTTP status (NOT_FOUND 404, CONFLICT 409,
 * VALIDATION 400/422, FORBIDDEN 403, UNAUTHORIZED 401) and anything else to 500 without details.
 *
 * Messages and fields never carry personal data (no names, phone numbers, e-mails, free text typed by a worker):
 * they name fields, codes and ids only, so they are safe to log.
 */
export type AppErrorCode = 'NOT_FOUND' | 'CONFLICT' | 'VALIDATION' | 'FORBIDDEN' | 'UNAUTHORIZED';

export abstract class AppError extends Error {
  abstract readonly code: AppErrorCode;

  protected constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends AppError {
  readonly code = 'NOT_FOUND' as const;

  constructor(readonly entity: string, readonly id?: string) {
    super(id === undefined ? `${entity} not found` : `${entity} ${id} not found`);
  }
}

/** The request is valid but clashes with the current state (a lead already claimed, an illegal transition...). */
export class ConflictError extends AppError {
  readonly code = 'CONFLICT' as const;

  /** `reason` is a stable machine code, e.g. `already_claimed` or `illegal_transition:new->placed` */
  constructor(readonly reason: string) {
    super(`conflict: ${reason}`);
  }
}

export class ValidationError extends AppError {
  readonly code = 'VALIDATION' as const;

  /** `field` is a path such as `contact.phone`; `reason` a stable code such as `too_short` (never the bad value) */
  constructor(readonly field: string, readonly reason: string) {
    super(`invalid ${field}: ${reason}`);
  }
}

export class ForbiddenError extends AppError {
  readonly code = 'FORBIDDEN' as const;

  constructor(readonly reason = 'forbidden') {
    super(`forbidden: ${reason}`);
  }
}

export class UnauthorizedError extends AppError {
  readonly code = 'UNAUTHORIZED' as const;

  constructor(readonly reason = 'invalid_token') {
    super(`unauthorized: ${reason}`);
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
