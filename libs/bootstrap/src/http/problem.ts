import { HttpException } from '@nestjs/common';
import type { FieldError } from '@pac/domain';
import { genericProblemCode } from '@pac/http-contracts';

export type { FieldError };

/** RFC 9457 problem details, the only error shape of every API (public and internal). */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  /** The stable machine-readable reason (libs/http-contracts problem-codes.ts): always present. */
  code: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

const TYPES: Record<number, string> = {
  400: 'validation-error',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  408: 'request-timeout',
  409: 'conflict',
  413: 'payload-too-large',
  414: 'uri-too-long',
  415: 'unsupported-media-type',
  422: 'unprocessable-content',
  429: 'rate-limited',
  431: 'headers-too-large',
  500: 'internal-error',
  502: 'bad-gateway',
  503: 'unavailable',
  504: 'upstream-timeout',
};

export function problem(
  status: number,
  detail?: string,
  extra: Partial<ProblemDetails> = {},
): ProblemDetails {
  return {
    type: `https://partner-admin-center.dev/problems/${TYPES[status] ?? 'error'}`,
    title: TITLES[status] ?? 'Error',
    status,
    ...(detail !== undefined ? { detail } : {}),
    ...extra,
    code: extra.code ?? genericProblemCode(status),
  };
}

/** The detail of every validation problem; what is wrong is in `errors`, one entry per field. */
export const VALIDATION_DETAIL = 'The request is not valid.';

/** Thrown at the HTTP edge only (controllers), from error values returned by handlers. */
export class ProblemException extends HttpException {
  constructor(readonly problem: ProblemDetails) {
    super(problem, problem.status);
  }

  static validation(errors: FieldError[], detail = VALIDATION_DETAIL): ProblemException {
    return new ProblemException(problem(400, detail, { errors }));
  }
  static notFound(detail: string): ProblemException {
    return new ProblemException(problem(404, detail));
  }
  static conflict(detail: string, extra: Partial<ProblemDetails> = {}): ProblemException {
    return new ProblemException(problem(409, detail, extra));
  }
  static forbidden(detail: string): ProblemException {
    return new ProblemException(problem(403, detail));
  }
}
