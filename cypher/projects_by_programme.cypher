// title: Projects by funding programme
// title_tr: Fon programına göre projeler
// description: Projects grouped by programme, with their partners and the home city's role.
//   programme matches part of the programme name, ignoring case (empty: all); ours_only keeps
//   the home city's projects.
// param: programme string
// param: ours_only bool false
// param: home string
OPTIONAL MATCH (home:City)
WHERE CASE WHEN $home IS NULL THEN home.is_home = true
           ELSE home.id = $home OR toLower(home.name) = toLower($home) END
WITH collect(home) AS homes
MATCH (j:Project)
WHERE $programme IS NULL OR toLower(coalesce(j.programme, '')) CONTAINS toLower($programme)
WITH j, [(h)-[r:PARTNER_IN]->(j) WHERE h IN homes | r.role] AS our_roles
WHERE NOT $ours_only OR size(our_roles) > 0
RETURN coalesce(j.programme, '') AS programme,
       j.id AS project,
       j.name AS name,
       j.status AS status,
       j.start_date AS start_date,
       j.end_date AS end_date,
       COLLECT { MATCH (x)-[:PARTNER_IN]->(j) RETURN x.id AS x ORDER BY x } AS partners,
       our_roles[0] AS our_role
ORDER BY programme, project
