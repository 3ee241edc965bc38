import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A diagnostic row written by the round-trip workflow: proves api → Temporal → worker → PostgreSQL. */
@Entity({ name: 'round_trips' })
export class RoundTripEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  message!: string;

  @Column({ type: 'text', name: 'workflow_run_id' })
  workflowRunId!: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'recorded_at' })
  recordedAt!: Date;
}
