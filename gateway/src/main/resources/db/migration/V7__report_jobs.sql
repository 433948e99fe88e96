-- Report jobs: a report requested through spgate, from its request to Amazon's final status.
-- A job is worked on by one instance at a time: it leases the job (lease_until) for one step
-- (create, poll), with FOR UPDATE SKIP LOCKED, and lets it go with the time of its next step.
-- create_requested_at is set before createReport is sent: a job found with it and no report id
-- (the instance died in between) looks for that report in getReports before creating another.
CREATE TABLE report_jobs (
  id                  uuid PRIMARY KEY,
  tenant_id           uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  seller_id           uuid NOT NULL REFERENCES sellers (id) ON DELETE CASCADE,
  schedule_id         uuid,
  report_type         text NOT NULL,
  marketplaces        text[] NOT NULL,
  data_start_time     timestamptz,
  data_end_time       timestamptz,
  report_options      jsonb NOT NULL DEFAULT '{}',
  status              text NOT NULL CHECK (status IN ('REQUESTED', 'IN_QUEUE', 'IN_PROGRESS', 'DONE', 'CANCELLED', 'FATAL', 'FAILED')),
  amazon_report_id    text,
  report_document_id  text,
  reused              boolean NOT NULL DEFAULT false,
  problem_code        text,
  problem_detail      text,
  row_count           bigint,
  polls               integer NOT NULL DEFAULT 0,
  create_requested_at timestamptz,
  next_step_at        timestamptz NOT NULL DEFAULT now(),
  lease_until         timestamptz,
  amazon_created_at   timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX report_jobs_tenant_created ON report_jobs (tenant_id, created_at, id);
CREATE INDEX report_jobs_due ON report_jobs (next_step_at) WHERE status IN ('REQUESTED', 'IN_QUEUE', 'IN_PROGRESS');
CREATE INDEX report_jobs_seller_type ON report_jobs (seller_id, report_type, created_at);

-- Report schedules: spgate requests the report every period and keeps the latest DONE one at hand.
CREATE TABLE report_schedules (
  id              uuid PRIMARY KEY,
  tenant_id       uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  seller_id       uuid NOT NULL REFERENCES sellers (id) ON DELETE CASCADE,
  report_type     text NOT NULL,
  marketplaces    text[] NOT NULL,
  report_options  jsonb NOT NULL DEFAULT '{}',
  period_seconds  bigint NOT NULL CHECK (period_seconds > 0),
  next_run_at     timestamptz NOT NULL,
  lease_until     timestamptz,
  last_job_id     uuid,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX report_schedules_due ON report_schedules (next_run_at);
CREATE INDEX report_schedules_tenant ON report_schedules (tenant_id, created_at, id);
