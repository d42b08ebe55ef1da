-- The CAF (département code) of each structure's CTG, as the signatories service said: finance officers
-- see the structures of their CAF only, filtered in the queries. NULL for rows recorded before.
ALTER TABLE structures ADD COLUMN caf_departement TEXT NULL;
CREATE INDEX ix_structures_caf ON structures (caf_departement, structure_id);
