import { Controller, Get } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, ProblemException } from '@pac/bootstrap';
import { DataSource } from 'typeorm';
import { PartnerEntity } from '../../persistence/partner.entity';

@Controller('partners')
export class GetPartnerHttp {
  constructor(private readonly dataSource: DataSource) {}

  /** The caller's own partner: a partner never reads another one. */
  @Get('me')
  async me(@CallerContext() caller: Caller): Promise<{ id: string; name: string; createdAt: string }> {
    const partner = await this.dataSource.getRepository(PartnerEntity).findOneBy({ id: caller.partnerId });
    if (!partner) throw ProblemException.notFound('your partner is not registered');
    return { id: partner.id, name: partner.name, createdAt: partner.createdAt.toISOString() };
  }
}
