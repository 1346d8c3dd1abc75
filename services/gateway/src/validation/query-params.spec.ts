import { Controller, Get, Param, Query } from '@nestjs/common';
import { acceptedQuery, unknownQueryParams } from './query-params';

class SomeQuery {
  limit?: number;
}

@Controller('things')
class ThingsController {
  @Get()
  list(@Query() _query: SomeQuery) {}

  @Get(':id')
  get(@Param('id') _id: string) {}

  @Get(':id/search')
  search(@Param('id') _id: string, @Query('q') _q: string) {}
}

describe('query parameters a route accepts', () => {
  const prototype = ThingsController.prototype;

  it('leaves a DTO-validated query to the validation pipe', () => {
    expect(unknownQueryParams(acceptedQuery(prototype, 'list'), { limit: '5', other: 'x' })).toEqual([]);
  });

  it('refuses every parameter on a route that takes none', () => {
    expect(unknownQueryParams(acceptedQuery(prototype, 'get'), { expand: 'x', debug: '1' })).toEqual([
      'expand',
      'debug',
    ]);
    expect(unknownQueryParams(acceptedQuery(prototype, 'get'), {})).toEqual([]);
  });

  it('accepts the named parameters of a route that reads them one by one', () => {
    expect(unknownQueryParams(acceptedQuery(prototype, 'search'), { q: 'a', limit: '5' })).toEqual(['limit']);
  });
});
