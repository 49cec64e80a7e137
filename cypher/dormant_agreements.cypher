// title: Dormant agreements (Q3)
// title_tr: Uykuda olan anlaşmalar (S3)
// description: Agreements with no recorded activity for `months` months before as_of (empty:
//   today). Last activity is the latest of signed_on and the dates of events in which a party
//   other than the home city took part; a year alone (YYYY) counts as its last day. Agreements
//   whose status is dormant are always listed (reason status), expired and planned ones never;
//   agreements with no date at all come last (reason undated). The same rule as
//   graph.analysis.dormant.
// param: months int 24
// param: as_of string
// param: home string
OPTIONAL MATCH (h:City)
WHERE CASE WHEN $home IS NULL THEN h.is_home = true
           ELSE h.id = $home OR toLower(h.name) = toLower($home) END
WITH collect(h) AS homes,
     CASE WHEN $as_of IS NULL THEN date() ELSE date($as_of) END AS today
MATCH (a:Agreement)
WHERE coalesce(a.status, '') IN ['', 'active', 'dormant']
WITH a, today,
     [{raw: a.signed_on, source: 'signed_on'}] +
     COLLECT {
       MATCH (a)<-[:PARTY_TO]-(p)-[:PARTICIPATED_IN]->(e:Event)
       WHERE NOT p IN homes
       RETURN DISTINCT {raw: e.date, source: e.id} AS x ORDER BY x.source
     } AS found
WITH a, today,
     [x IN found WHERE x.raw IS NOT NULL
                   AND left(toString(x.raw), 10) =~ '[0-9]{4}(-[0-9]{2}){0,2}'
      | x {.*, day: CASE size(left(toString(x.raw), 10))
                      WHEN 4 THEN date(toString(x.raw) + '-12-31')
                      WHEN 7 THEN date(toString(x.raw) + '-01') + duration('P1M') - duration('P1D')
                      ELSE date(left(toString(x.raw), 10)) END}] AS dated
WITH a, today,
     reduce(best = null, x IN dated | CASE WHEN best IS NULL OR x.day > best.day THEN x ELSE best END) AS last
WITH a, last,
     CASE WHEN last IS NULL THEN null ELSE duration.inMonths(last.day, today).months END AS quiet
WITH a, last, quiet,
     CASE WHEN a.status = 'dormant' THEN 'status'
          WHEN last IS NULL THEN 'undated'
          WHEN quiet >= $months THEN 'inactive' END AS reason
WHERE reason IS NOT NULL
RETURN a.id AS agreement,
       a.name AS name,
       a.type AS type,
       a.status AS status,
       COLLECT { MATCH (a)<-[:PARTY_TO]-(p) RETURN p.id ORDER BY p.id } AS parties,
       toString(last.raw) AS last_activity,
       last.source AS last_source,
       quiet AS months_quiet,
       reason
ORDER BY last IS NULL, last.day, name
