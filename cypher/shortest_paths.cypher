// title: How are we connected? Shortest paths between two entities (Q5)
// title_tr: Nasıl bağlıyız? İki varlık arasındaki en kısa yollar (S5)
// description: Every shortest path (up to max_hops, at most 8) between `from` (empty: the home
//   city) and `to`, each an id or a name. Paths go through cities, organisations, networks,
//   agreements, projects and events; themes and countries are left out, as in the path
//   finder. through lists who is in between.
// param: to string
// param: from string
// param: max_hops int 6
// param: limit int 25
MATCH (a:Entity)
WHERE CASE WHEN $from IS NULL THEN a:City AND a.is_home = true
           ELSE a.id = $from OR toLower(a.name) = toLower($from) END
MATCH (b:Entity)
WHERE b.id = $to OR toLower(b.name) = toLower($to)
WITH a, b WHERE a <> b
MATCH p = allShortestPaths((a)-[*..8]-(b))
WHERE none(x IN nodes(p) WHERE x:Theme OR x:Country)
WITH p WHERE length(p) <= $max_hops
RETURN length(p) AS hops,
       [x IN nodes(p)[1..-1] | coalesce(x.name, x.id)] AS through,
       [x IN nodes(p) | x.id] AS ids,
       p AS path
ORDER BY hops, ids
LIMIT $limit
