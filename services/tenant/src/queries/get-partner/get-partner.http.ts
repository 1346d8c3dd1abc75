import { Controller, Get } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, problemFor } from '@pac/bootstrap';
import type { PartnerResponse } from '@pac/http-contracts';
import { DataSource } from 'typeorm';
import { partnerResponse } from '../../application/responses';
import { PARTNER_NOT_FOUND } from '../../domain/not-found';
import { findPartner } from '../../persistence/partners';

@Controller('partners')
export class GetPartnerHttp {
  constructor(private readonly dataSource: DataSource) {}

  /** The caller's own partner: a partner never reads another one. */
  @Get('me')
  async me(@CallerContext() caller: Caller): Promise<PartnerResponse> {
    const partner = await findPartner(this.dataSource.manager, caller.partnerId);
    if (!partner) throw problemFor(PARTNER_NOT_FOUND);
    return partnerResponse(partner);
  }
}
