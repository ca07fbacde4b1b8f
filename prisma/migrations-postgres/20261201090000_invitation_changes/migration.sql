-- A level changed while the organisation was still invited amends its invitation: such entries of the level
-- history become "invitation-changed", which only the conveners and the invited organisation see. They are
-- the "changed" entries whose latest earlier entry of another kind, for the same organisation in the same
-- space, is its invitation.
UPDATE "LevelChange" SET "kind" = 'invitation-changed'
WHERE "kind" = 'changed' AND (
  SELECT earlier."kind" FROM "LevelChange" earlier
  WHERE earlier."spaceId" = "LevelChange"."spaceId"
    AND earlier."organisationId" = "LevelChange"."organisationId"
    AND earlier."kind" <> 'changed'
    AND (earlier."createdAt" < "LevelChange"."createdAt"
      OR (earlier."createdAt" = "LevelChange"."createdAt" AND earlier."id" < "LevelChange"."id"))
  ORDER BY earlier."createdAt" DESC, earlier."id" DESC
  LIMIT 1
) = 'invited';
