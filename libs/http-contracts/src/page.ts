import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** The largest `?limit=` of a list (docs/api-conventions.md, lists). */
export const MAX_PAGE_SIZE = 200;

/** `?limit=&cursor=` of every list (docs/api-conventions.md, lists). */
export class PageQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: 50, example: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * The shape of every list answer, for the OpenAPI document: a list route's schema is this one with `items`
 * of its own type (`@ApiPageOf(Item)` in the gateway), so that generated clients get `{ items: Item[];
 * nextCursor: string | null }`.
 */
export class PageResponse {
  @ApiProperty({ type: 'array', items: {}, description: 'This page’s items, in the list’s order' })
  items!: unknown[];

  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'Pass as ?cursor= for the next page; null on the last page',
    example: 'eyJjIjoiMjAyNi0xMi0wNFQxMDowMDowMC4wMDBaIiwiaSI6IjFmM2EifQ',
  })
  nextCursor!: string | null;
}
