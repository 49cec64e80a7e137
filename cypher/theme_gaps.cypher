// title: Themes of our plan with no partner yet (Q8)
// title_tr: Planımızda henüz ortağı olmayan temalar (S8)
// description: Priority themes of the home city that no live partner works on. A live partner
//   is a party of an active (or status-less) agreement or a partner in an active, planned (or
//   status-less) project with the home city; it covers a theme when it, or that agreement or
//   project, holds the theme or one of its sub-themes. Network memberships do not cover a theme:
//   the home city's networks on the theme are listed as venues. The same rule as graph.synergy.gaps.
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
MATCH (home)-[r:HAS_THEME {kind: 'priority'}]->(t:Theme)
WHERE NOT EXISTS {
  MATCH (t)<-[:PART_OF*0..5]-(:Theme)<-[:HAS_THEME]-(h) WHERE h IN holders
}
RETURN t.id AS theme,
       coalesce(t.name, t.name_en) AS name,
       t.name_tr AS name_tr,
       COLLECT {
         MATCH (home)-[m:MEMBER_OF]->(n:Network)-[:HAS_THEME]->(:Theme)-[:PART_OF*0..5]->(t)
         WHERE coalesce(m.status, '') IN ['', 'active']
         RETURN DISTINCT n.id AS n ORDER BY n
       } AS venues
ORDER BY coalesce(properties(r).weight, 1.0) DESC, name
