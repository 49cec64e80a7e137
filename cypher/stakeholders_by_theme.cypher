// title: Local stakeholders by theme (Q4)
// title_tr: Temaya göre yerel paydaşlar (S4)
// description: Organisations that are stakeholders of the home city (STAKEHOLDER_OF) and
//   work on the given themes (ids such as theme-clean-energy, catalogue ids such as
//   clean-energy, or names) or on one of their sub-themes; via lists the organisation's own
//   themes that matched. Empty themes: every theme. kinds filters by organisation kind
//   (university, chamber, ngo...).
// param: themes list
// param: kinds list
// param: home string
MATCH (home:City)
WHERE CASE WHEN $home IS NULL THEN home.is_home = true
           ELSE home.id = $home OR toLower(home.name) = toLower($home) END
MATCH (o:Organization)-[:STAKEHOLDER_OF]->(home)
WHERE size($kinds) = 0 OR o.kind IN $kinds
MATCH (o)-[:HAS_THEME]->(held:Theme)-[:PART_OF*0..5]->(t:Theme)
WHERE size($themes) = 0
   OR t.id IN $themes
   OR t.catalogue_id IN $themes
   OR toLower(t.name) IN [x IN $themes | toLower(x)]
RETURN t.id AS theme,
       t.name AS theme_name,
       o.id AS organization,
       o.name AS name,
       o.kind AS kind,
       collect(DISTINCT held.id) AS via
ORDER BY theme, organization
