// title: Cities in our networks that share our priority themes, with no agreement yet (Q2)
// title_tr: Ağlarımızda olup öncelikli temalarımızı paylaşan, henüz anlaşmamız olmayan kentler (S2)
// description: Cities that are live members of at least one network the home city is a live
//   member of, hold at least min_shared_themes of the home city's priority themes (the theme
//   itself or one of its sub-themes), and are not party to any agreement with the home city.
//   score = shared themes + shared networks.
// param: home string
// param: min_shared_themes int 1
MATCH (home:City)
WHERE CASE WHEN $home IS NULL THEN home.is_home = true
           ELSE home.id = $home OR toLower(home.name) = toLower($home) END
MATCH (home)-[hm:MEMBER_OF]->(n:Network)<-[cm:MEMBER_OF]-(c:City)
WHERE c <> home
  AND coalesce(hm.status, '') IN ['', 'active']
  AND coalesce(cm.status, '') IN ['', 'active']
  AND NOT EXISTS { (home)-[:PARTY_TO]->(:Agreement)<-[:PARTY_TO]-(c) }
WITH home, c, collect(DISTINCT n.id) AS networks
WITH c, networks,
     COLLECT {
       MATCH (home)-[:HAS_THEME {kind: 'priority'}]->(t:Theme)<-[:PART_OF*0..5]-(:Theme)<-[:HAS_THEME]-(c)
       RETURN DISTINCT t.id AS theme ORDER BY theme
     } AS themes
WHERE size(themes) >= $min_shared_themes
RETURN c.id AS city,
       c.name AS name,
       c.country AS country,
       themes AS shared_themes,
       networks AS shared_networks,
       size(themes) + size(networks) AS score
ORDER BY score DESC, city
