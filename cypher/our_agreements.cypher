// title: Our agreements and partners
// title_tr: Anlaşmalarımız ve ortaklarımız
// description: Agreements the home city is party to (sister city, cooperation protocol, MoU,
//   letter of intent), with the other parties, status, signing date and themes. types and
//   statuses filter (empty: all).
// param: types list
// param: statuses list
// param: home string
MATCH (home:City)
WHERE CASE WHEN $home IS NULL THEN home.is_home = true
           ELSE home.id = $home OR toLower(home.name) = toLower($home) END
MATCH (home)-[:PARTY_TO]->(a:Agreement)
WHERE (size($types) = 0 OR a.type IN $types)
  AND (size($statuses) = 0 OR a.status IN $statuses)
RETURN a.id AS agreement,
       a.type AS type,
       a.status AS status,
       a.signed_on AS signed_on,
       COLLECT { MATCH (a)<-[:PARTY_TO]-(p) WHERE p <> home RETURN p.id AS p ORDER BY p } AS partners,
       COLLECT { MATCH (a)<-[:PARTY_TO]-(p) WHERE p <> home RETURN p.name AS p ORDER BY p } AS partner_names,
       COLLECT { MATCH (a)-[:HAS_THEME]->(t:Theme) RETURN t.id AS t ORDER BY t } AS themes
ORDER BY type, agreement
