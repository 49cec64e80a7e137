// title: Networks at a glance
// title_tr: Bir bakışta ağlar
// description: Every network with its scope, number of live members, how many of them are
//   partners of the home city (party to an agreement with it), its themes, and the home
//   city's own membership (role and status; empty when not a member).
// param: home string
OPTIONAL MATCH (home:City)
WHERE CASE WHEN $home IS NULL THEN home.is_home = true
           ELSE home.id = $home OR toLower(home.name) = toLower($home) END
WITH collect(home) AS homes
MATCH (n:Network)
RETURN n.id AS network,
       n.name AS name,
       n.acronym AS acronym,
       n.scope AS scope,
       COUNT { MATCH (m)-[r:MEMBER_OF]->(n) WHERE coalesce(r.status, '') IN ['', 'active'] } AS members,
       COUNT {
         MATCH (m)-[:MEMBER_OF]->(n)
         WHERE NOT m IN homes AND EXISTS {
           MATCH (m)-[:PARTY_TO]->(:Agreement)<-[:PARTY_TO]-(h) WHERE h IN homes }
       } AS partner_members,
       COLLECT { MATCH (n)-[:HAS_THEME]->(t:Theme) RETURN t.id AS t ORDER BY t } AS themes,
       [(h)-[r:MEMBER_OF]->(n) WHERE h IN homes | r.role][0] AS our_role,
       [(h)-[r:MEMBER_OF]->(n) WHERE h IN homes | r.status][0] AS our_status
ORDER BY our_status IS NULL, name
