// title: Partners eligible for a funding programme (Q7)
// title_tr: Bir fon programına uygun ortaklar (S7)
// description: Cities other than the home city whose country takes part in the programme:
//   eu (EU member), ipa (IPA beneficiary) or next-med (Interreg NEXT MED), read from the
//   Country node (City -LOCATED_IN-> Country). ties lists the agreements and projects shared
//   with the home city; tied_only keeps the cities that have one.
// param: programme string eu
// param: tied_only bool false
// param: home string
MATCH (home:City)
WHERE CASE WHEN $home IS NULL THEN home.is_home = true
           ELSE home.id = $home OR toLower(home.name) = toLower($home) END
WITH home, toLower(replace(replace($programme, '_', '-'), 'interreg-', '')) AS programme
MATCH (c:City)-[:LOCATED_IN]->(k:Country)
WHERE c <> home
  AND CASE programme
        WHEN 'eu' THEN k.eu_member
        WHEN 'ipa' THEN k.ipa_beneficiary
        WHEN 'next-med' THEN k.interreg_next_med
        ELSE false END = true
WITH home, c, k,
     COLLECT {
       MATCH (home)-[:PARTY_TO|PARTNER_IN]->(x)<-[:PARTY_TO|PARTNER_IN]-(c)
       RETURN DISTINCT x.id AS x ORDER BY x
     } AS ties
WHERE NOT $tied_only OR size(ties) > 0
RETURN c.id AS city,
       c.name AS name,
       k.iso2 AS country,
       k.name AS country_name,
       ties
ORDER BY country, name
