// title: Networks our peers belong to and we do not (Q6)
// title_tr: Emsal kentlerin üye olup bizim üye olmadığımız ağlar (S6)
// description: Networks in which peers of the home city are live members and the home city
//   is not a member. Peers are the ids in `peers`, or (empty) the other cities of the home
//   city's country that are live members of some network plus the cities that took part in an
//   event with the home city. A network's score adds its peers' similarity to home
//   (0.5 + 0.5 * Jaccard of live networks and own themes). The same rule as
//   graph.analysis.peer_networks.
// param: peers list
// param: home string
MATCH (home:City)
WHERE CASE WHEN $home IS NULL THEN home.is_home = true
           ELSE home.id = $home OR toLower(home.name) = toLower($home) END
WITH home,
     COLLECT {
       MATCH (home)-[r:MEMBER_OF]->(x:Network) WHERE coalesce(r.status, '') IN ['', 'active'] RETURN x.id AS x
       UNION
       MATCH (home)-[:HAS_THEME]->(x:Theme) RETURN x.id AS x
     } AS mine
CALL (home) {
  MATCH (p:City) WHERE size($peers) > 0 AND p.id IN $peers
  RETURN p
  UNION
  MATCH (p:City)-[r:MEMBER_OF]->(:Network)
  WHERE size($peers) = 0 AND p <> home AND home.country IS NOT NULL AND p.country = home.country
    AND coalesce(r.status, '') IN ['', 'active']
  RETURN p
  UNION
  MATCH (home)-[:PARTICIPATED_IN]->(:Event)<-[:PARTICIPATED_IN]-(p:City)
  WHERE size($peers) = 0 AND p <> home
  RETURN p
}
WITH home, mine, p,
     COLLECT {
       MATCH (p)-[r:MEMBER_OF]->(x:Network) WHERE coalesce(r.status, '') IN ['', 'active'] RETURN x.id AS x
       UNION
       MATCH (p)-[:HAS_THEME]->(x:Theme) RETURN x.id AS x
     } AS theirs
WITH home, p, mine, theirs, size([x IN mine WHERE x IN theirs]) AS common
WITH home, p,
     round(0.5 + 0.5 * CASE WHEN size(mine) + size(theirs) - common = 0 THEN 0.0
                            ELSE toFloat(common) / (size(mine) + size(theirs) - common) END, 4) AS similarity
MATCH (p)-[r:MEMBER_OF]->(n:Network)
WHERE coalesce(r.status, '') IN ['', 'active'] AND NOT EXISTS { (home)-[:MEMBER_OF]->(n) }
WITH home, n, p, similarity ORDER BY p.id
WITH home, n, collect({id: p.id, name: p.name, similarity: similarity}) AS peers, sum(similarity) AS total
RETURN n.id AS network,
       n.name AS name,
       round(total, 4) AS score,
       peers,
       COLLECT { MATCH (home)-[:HAS_THEME]->(t:Theme)<-[:HAS_THEME]-(n) RETURN DISTINCT t.id AS t ORDER BY t } AS shared_themes
ORDER BY score DESC, size(peers) DESC, name
