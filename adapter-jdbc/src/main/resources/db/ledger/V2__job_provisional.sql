-- Whether the day's recorded job was created while the day was still open: such a job holds only what had arrived
-- when it ran, so it may deliver a provisional file but is never resumed for the final one (it is replaced).
ALTER TABLE ledger_day ADD COLUMN job_provisional INTEGER NOT NULL DEFAULT 0;
