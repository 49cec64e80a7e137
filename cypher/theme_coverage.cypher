// title: Coverage of our themes
// title_tr: Temalarımızın karşılanma durumu
// description: For each theme of the home city of the given kinds (default: priority), who
//   covers it: live partners and their agreements or projects holding the theme or a
//   sub-theme (covered_by, the same rule as theme_gaps), the home city's networks on it
//   (venues) and its local stakeholders on it.
// param: kinds list priority
// param: home string
MATCH (home:City)
WHERE CASE WHEN $home IS NULL THEN home.is_home = true
           ELSE home.id = $home OR toLower(home.name) = toLower($home) END
OPTIONAL MATCH (home)-[:PARTY_TO]->(a:Agreement)<-[:PARTY_TO]-(ap)
WHERE ap <> home AND (ap:City OR ap:Organization) AND coalesce(a.status, '') IN ['', 'active']
WITH home, collect(DISTINCT a) + collect(DISTINCT ap) AS holders
OPTIONAL MATCH (home)-[:PARTNER_IN]->(j:Project)<-[:PARTNER_IN]-(jp)
WHERE jp <> home AND (jp:City OR jp:Organization) AND coalesce(j.status, '') IN ['', 'active', 'planned']
WITH home, holders, collect(DISTINCT j) + collect(DISTINCT jp) AS more
WITH home, holders + more AS holders
MATCH (home)-[r:HAS_THEME]->(t:Theme)
WHERE size($kinds) = 0 OR coalesce(r.kind, 'focus') IN $kinds
WITH home, t, r,
     COLLECT {
       MATCH (t)<-[:PART_OF*0..5]-(:Theme)<-[:HAS_THEME]-(h) WHERE h IN holders
       RETURN DISTINCT h.id AS h ORDER BY h
     } AS covered_by
RETURN t.id AS theme,
       coalesce(t.name, t.name_en) AS name,
       t.name_tr AS name_tr,
       r.kind AS kind,
       size(covered_by) > 0 AS covered,
       covered_by,
       COLLECT {
         MATCH (home)-[m:MEMBER_OF]->(n:Network)-[:HAS_THEME]->(:Theme)-[:PART_OF*0..5]->(t)
         WHERE coalesce(m.status, '') IN ['', 'active']
         RETURN DISTINCT n.id AS n ORDER BY n
       } AS venues,
       COLLECT {
         MATCH (o:Organization)-[:STAKEHOLDER_OF]->(home)
         WHERE EXISTS { (o)-[:HAS_THEME]->(:Theme)-[:PART_OF*0..5]->(t) }
         RETURN o.id AS o ORDER BY o
       } AS stakeholders
ORDER BY covered, name
