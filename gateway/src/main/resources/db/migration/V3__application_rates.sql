-- Per-application quota overrides: {"<operationId>": {"ratePerSecond": n, "burst": n}}, from SPGATE_APPLICATIONS_FILE.
ALTER TABLE applications ADD COLUMN rates jsonb NOT NULL DEFAULT '{}'::jsonb;
