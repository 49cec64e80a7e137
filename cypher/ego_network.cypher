// title: Ego network of an entity
// title_tr: Bir varlığın yakın çevresi (ego ağı)
// description: Everything within `hops` steps (1 to 3, either direction) of an entity (id or name;
//   empty: the home city), with its distance and one shortest path to it, ready to draw.
//   Themes and countries are left out unless include_themes.
// param: entity string
// param: hops int 1
// param: include_themes bool false
// param: limit int 300
MATCH (e:Entity)
WHERE CASE WHEN $entity IS NULL THEN e:City AND e.is_home = true
           ELSE e.id = $entity OR toLower(e.name) = toLower($entity) END
MATCH p = (e)-[*1..3]-(n:Entity)
WHERE length(p) <= $hops AND n <> e
  AND ($include_themes OR none(x IN nodes(p)[1..] WHERE x:Theme OR x:Country))
WITH n, p ORDER BY length(p)
WITH n, collect(p)[0] AS path
RETURN n.id AS id,
       n.name AS name,
       [l IN labels(n) WHERE l <> 'Entity'][0] AS label,
       length(path) AS distance,
       path
ORDER BY distance, id
LIMIT $limit
