import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';
import { PageResponse } from '@pac/http-contracts';

/**
 * A list route's 200 answer: the generic page (`PageResponse`) whose `items` are of the given class, so the
 * document says `{ items: Item[], nextCursor }` to generated clients, not only in prose.
 */
export function ApiPageOf(item: Type<unknown>, description: string): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(PageResponse, item),
    ApiOkResponse({
      description,
      schema: {
        allOf: [
          { $ref: getSchemaPath(PageResponse) },
          {
            type: 'object',
            required: ['items', 'nextCursor'],
            properties: { items: { type: 'array', items: { $ref: getSchemaPath(item) } } },
          },
        ],
      },
    }),
  );
}
