import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Clock, isAdjustable } from '@pac/clock';
import { IsInt, IsISO8601, IsOptional, Min } from 'class-validator';
import { ProblemException } from '../http/problem';

export class MoveClockRequest {
  @IsOptional() @IsInt() @Min(0) advanceMs?: number;
  @IsOptional() @IsISO8601() to?: string;
}

/**
 * Development and test only: moves this process's clock forward and runs whatever waits on time (schedulers)
 * before answering, so a test that moved the clock can check the effects at once. Absent in production.
 */
@ApiExcludeController()
@Controller('internal/clock')
export class ClockController {
  constructor(private readonly clock: Clock) {}

  @Get()
  now(): { now: string; adjustable: boolean } {
    return { now: this.clock.nowIso(), adjustable: isAdjustable(this.clock) };
  }

  @Post()
  async move(@Body() request: MoveClockRequest): Promise<{ now: string }> {
    if (!isAdjustable(this.clock)) throw ProblemException.forbidden('the clock is locked to real time');
    if (request.to) return { now: (await this.clock.set(new Date(request.to))).toISOString() };
    if (request.advanceMs !== undefined)
      return { now: (await this.clock.advance(request.advanceMs)).toISOString() };
    throw ProblemException.validation([{ field: 'advanceMs', message: 'give advanceMs or to' }]);
  }
}
