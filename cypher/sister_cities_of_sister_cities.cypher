// title: Sister cities of our sister cities
// title_tr: Kardeş şehirlerimizin kardeş şehirleri
// description: Cities twinned with one of the home city's sister cities, through another
//   sister-city agreement, that are not our sister cities yet (include_ours lists them too).
// param: home string
// param: include_ours bool false
MATCH (home:City)
WHERE CASE WHEN $home IS NULL THEN home.is_home = true
           ELSE home.id = $home OR toLower(home.name) = toLower($home) END
MATCH (home)-[:PARTY_TO]->(a1:Agreement {type: 'sister_city'})<-[:PARTY_TO]-(sister:City)
WHERE sister <> home
MATCH (sister)-[:PARTY_TO]->(a2:Agreement {type: 'sister_city'})<-[:PARTY_TO]-(other:City)
WHERE a2 <> a1 AND other <> home AND other <> sister
  AND ($include_ours
       OR NOT EXISTS { (home)-[:PARTY_TO]->(:Agreement {type: 'sister_city'})<-[:PARTY_TO]-(other) })
RETURN other.id AS city,
       other.name AS name,
       other.country AS country,
       collect(DISTINCT sister.id) AS via_sister_cities,
       collect(DISTINCT a2.id) AS agreements
ORDER BY size(via_sister_cities) DESC, city
