import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { UpdateWindowPolicy } from '../domain/update-window';

/** The window a tenant's new environments get, until the partner changes it. */
@Entity({ name: 'update_window_policies' })
export class UpdateWindowPolicyEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('uuid', { name: 'partner_id' }) partnerId!: string;
  @Column('text', { name: 'preferred_start_time' }) preferredStartTime!: string;
  @Column('text', { name: 'preferred_end_time' }) preferredEndTime!: string;
  @Column('text', { name: 'time_zone' }) timeZone!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;

  static fromDomain(policy: UpdateWindowPolicy, at: Date): UpdateWindowPolicyEntity {
    return Object.assign(new UpdateWindowPolicyEntity(), {
      tenantId: policy.tenantId,
      partnerId: policy.partnerId,
      ...policy.window,
      createdAt: at,
      updatedAt: at,
    });
  }

  toDomain(): UpdateWindowPolicy {
    return {
      tenantId: this.tenantId,
      partnerId: this.partnerId,
      window: {
        preferredStartTime: this.preferredStartTime,
        preferredEndTime: this.preferredEndTime,
        timeZone: this.timeZone,
      },
    };
  }
}
