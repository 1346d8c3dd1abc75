import { HttpException } from '@nestjs/common';

export interface FieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem details, the only error shape of every API (public and internal). */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
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
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

const TYPES: Record<number, string> = {
  400: 'validation-error',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'unprocessable-content',
  429: 'rate-limited',
  500: 'internal-error',
  502: 'bad-gateway',
  503: 'unavailable',
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
  };
}

/** Thrown at the HTTP edge only (controllers), from error values returned by handlers. */
export class ProblemException extends HttpException {
  constructor(readonly problem: ProblemDetails) {
    super(problem, problem.status);
  }

  static validation(errors: FieldError[], detail = 'The request is not valid.'): ProblemException {
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
