// title: Our partners by theme
// title_tr: Temaya göre ortaklarımız
// description: Live partners of the home city (parties of its active agreements, partners in its
//   active or planned projects) by theme: a partner is listed under a theme it holds, or that an
//   agreement or project it shares with the home city holds (via). With a theme (id, catalogue
//   id or name) the theme's sub-themes count too; empty lists every theme.
// param: theme string
// param: live_only bool true
// param: home string
MATCH (home:City)
WHERE CASE WHEN $home IS NULL THEN home.is_home = true
           ELSE home.id = $home OR toLower(home.name) = toLower($home) END
MATCH (home)-[:PARTY_TO|PARTNER_IN]->(tie)<-[:PARTY_TO|PARTNER_IN]-(p)
WHERE p <> home AND (p:City OR p:Organization)
  AND (tie:Agreement OR tie:Project)
  AND CASE WHEN tie:Agreement THEN NOT $live_only OR coalesce(tie.status, '') IN ['', 'active']
           ELSE coalesce(tie.status, '') <> 'cancelled'
                AND (NOT $live_only OR coalesce(tie.status, '') IN ['', 'active', 'planned']) END
WITH p, collect(DISTINCT tie) AS ties
UNWIND [p] + ties AS holder
MATCH (holder)-[:HAS_THEME]->(held:Theme)-[:PART_OF*0..5]->(t:Theme)
WHERE CASE WHEN $theme IS NULL THEN held = t
           ELSE t.id = $theme OR t.catalogue_id = $theme OR toLower(t.name) = toLower($theme) END
WITH t, p, collect(DISTINCT holder.id) AS via
RETURN t.id AS theme,
       t.name AS theme_name,
       p.id AS partner,
       p.name AS partner_name,
       [l IN labels(p) WHERE l <> 'Entity'][0] AS kind,
       via
ORDER BY theme, partner
