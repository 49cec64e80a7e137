// title: Cities that share our networks
// title_tr: Ağlarımızı paylaşan kentler
// description: Other cities that are members of networks the home city belongs to, the
//   networks they share and whether they already have an agreement with the home city.
// param: live_only bool true
// param: home string
MATCH (home:City)
WHERE CASE WHEN $home IS NULL THEN home.is_home = true
           ELSE home.id = $home OR toLower(home.name) = toLower($home) END
MATCH (home)-[hm:MEMBER_OF]->(n:Network)<-[cm:MEMBER_OF]-(c:City)
WHERE c <> home
  AND (NOT $live_only
       OR (coalesce(hm.status, '') IN ['', 'active'] AND coalesce(cm.status, '') IN ['', 'active']))
WITH home, c, collect(DISTINCT n.id) AS networks
RETURN c.id AS city,
       c.name AS name,
       c.country AS country,
       networks,
       size(networks) AS shared,
       EXISTS { (home)-[:PARTY_TO]->(:Agreement)<-[:PARTY_TO]-(c) } AS has_agreement
ORDER BY shared DESC, city
