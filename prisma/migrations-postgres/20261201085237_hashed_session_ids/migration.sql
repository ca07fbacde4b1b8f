-- Sessions are now stored under the SHA-256 of the cookie's secret (docs/decisions/0009-session-ids-hashed-and-renewed.md).
-- The rows from before hold the secret itself: delete them, so that nothing stored can sign anyone in.
-- Everyone signs in once more after this migration. No schema change.
DELETE FROM "Session";
