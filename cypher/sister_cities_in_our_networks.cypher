// title: Our sister cities in our networks (Q1)
// title_tr: Ağlarımızdaki kardeş şehirlerimiz (S1)
// description: Sister cities of the home city that are also members of a network the home
//   city belongs to, with those networks and the sister-city agreements. live_only keeps
//   active (or status-less) memberships on both sides.
// param: home string
// param: live_only bool true
MATCH (home:City)
WHERE CASE WHEN $home IS NULL THEN home.is_home = true
           ELSE home.id = $home OR toLower(home.name) = toLower($home) END
MATCH (home)-[:PARTY_TO]->(a:Agreement {type: 'sister_city'})<-[:PARTY_TO]-(sister:City)
WHERE sister <> home
MATCH (home)-[hm:MEMBER_OF]->(n:Network)<-[sm:MEMBER_OF]-(sister)
WHERE NOT $live_only
   OR (coalesce(hm.status, '') IN ['', 'active'] AND coalesce(sm.status, '') IN ['', 'active'])
WITH sister, collect(DISTINCT n.id) AS networks, collect(DISTINCT a) AS agreements
RETURN sister.id AS city,
       sister.name AS name,
       sister.country AS country,
       networks,
       [a IN agreements | a.id] AS agreements,
       [a IN agreements | a.status] AS agreement_status
ORDER BY size(networks) DESC, city
