import { ParseUUIDPipe } from '@nestjs/common';
import { ProblemException } from '@pac/bootstrap';

/** Ids in paths: anything that is not a UUID names nothing, so it is 404 like a stranger's. */
export const OperationIdParam = new ParseUUIDPipe({
  exceptionFactory: () => ProblemException.notFound('no such operation'),
});

export const ExtensionIdParam = new ParseUUIDPipe({
  exceptionFactory: () => ProblemException.notFound('no such extension'),
});
