// title: Local stakeholders for the themes of a network (Q4)
// title_tr: Bir ağın temalarında çalışan yerel paydaşlar (S4)
// description: Stakeholders of the home city that work on the themes of network X (id,
//   acronym or name), so they can be involved. For each theme of the network a stakeholder
//   matches exactly (the theme or a sub-theme) or is related (the parent theme or a sibling,
//   counting related_weight); score is the share of the network's themes matched. involved
//   says the organisation is already a member. The same rule as graph.analysis.stakeholders_for.
// param: network string
// param: related_weight float 0.5
// param: home string
MATCH (home:City)
WHERE CASE WHEN $home IS NULL THEN home.is_home = true
           ELSE home.id = $home OR toLower(home.name) = toLower($home) END
MATCH (n:Network)
WHERE n.id = $network OR toLower(n.acronym) = toLower($network) OR toLower(n.name) = toLower($network)
MATCH (n)-[:HAS_THEME]->(t:Theme)
WITH home, n, collect(DISTINCT t) AS themes
MATCH (o:Organization)-[:STAKEHOLDER_OF]->(home)
WITH n, themes, o, COLLECT { MATCH (o)-[:HAS_THEME]->(h:Theme) RETURN h } AS held
UNWIND themes AS t
WITH n, themes, o, t,
     [h IN held WHERE EXISTS { (h)-[:PART_OF*0..5]->(t) }] AS exact,
     [h IN held WHERE EXISTS { (t)-[:PART_OF]->(h) }
                   OR EXISTS { (t)-[:PART_OF]->(:Theme)<-[:PART_OF]-(h) WHERE h <> t }] AS near
WHERE size(exact) > 0 OR size(near) > 0
WITH n, size(themes) AS n_themes, o,
     collect({theme: t.id,
              match: CASE WHEN size(exact) > 0 THEN 'exact' ELSE 'related' END,
              via: CASE WHEN size(exact) > 0 THEN exact[0].id ELSE near[0].id END}) AS shared,
     sum(CASE WHEN size(exact) > 0 THEN 1.0 ELSE $related_weight END) AS got
RETURN o.id AS organization,
       o.name AS name,
       o.kind AS kind,
       round(got / n_themes, 4) AS score,
       shared,
       EXISTS { (o)-[:MEMBER_OF]->(n) } AS involved
ORDER BY score DESC, name
